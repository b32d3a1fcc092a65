/** PascalCase of an extension name: `ticket-tools` → `TicketTools`. */
export function pascalCase(name: string): string {
  return name
    .split(/[-_]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** camelCase of an extension name, for identifiers: `ticket-tools` → `ticketTools`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/**
 * Source of a new extension named `name`, written against `@zoryx/framework` alone: a command
 * (`defineCommand`: one `run` answers `/name`, `!name` and `@Bot name`) that emits a typed hook
 * event, a public API other extensions reach with `ctx.extensions.get(name)`, both typed by
 * augmenting `@zoryx/framework`, a config schema, and a hook that counts the guilds joined in the
 * extension's store.
 */
export function extensionSkeleton(name: string): string {
  const command = `${camelCase(name)}Command`;
  const event = `${name.replace(/-/g, '_')}_greeted`;
  const apiType = `${pascalCase(name)}Api`;
  return `import { defineCommand, defineExtension } from '@zoryx/framework';
import { z } from 'zod';

/** What other extensions get from \`ctx.extensions.get('${name}')\`. */
export interface ${apiType} {
  /** How many greetings \`/${name}\` sent since the extension loaded. */
  greetings(): number;
}

// Types this extension adds: its public API and its hook event (augment '@zoryx/framework' only).
declare module '@zoryx/framework' {
  interface ExtensionApis {
    '${name}': ${apiType};
  }
  interface HookEvents {
    ${event}: { readonly guildId: string | null; readonly userId: string };
  }
}

/** \`/${name} [who]\`, \`!${name} [@who]\` and \`@Bot ${name} [@who]\`: one \`run\` answers all three. */
const ${command} = defineCommand({
  name: '${name}',
  description: 'Says hello from ${name}',
  options: { who: { kind: 'user', description: 'Who to greet (default: you)' } },
  async run(interaction, { who = interaction.user }, ctx) {
    await ctx.hooks.emit('${event}', { guildId: interaction.guildId, userId: who.id });
    return interaction.reply(\`Hello, \${who.username}, from ${name}!\`);
  },
});

export default defineExtension({
  name: '${name}',
  version: '0.1.0',
  description: 'TODO: what ${name} does',
  // Read from config.json → extensions.config.${name}; the defaults apply when it is missing.
  config: z.object({ logJoins: z.boolean().default(true) }),
  commands: [${command}],
  setup(ctx): ${apiType} {
    // Hooks, timers and pieces registered through ctx are released when the extension unloads.
    let greetings = 0;
    ctx.hooks.on('${event}', () => {
      greetings += 1;
    });
    ctx.hooks.on('guild_joined', async function countGuilds({ name }) {
      const joined = await ctx.store.update<number>('guilds-joined.json', (n = 0) => n + 1);
      if (ctx.config.logJoins) ctx.logger.info(\`joined \${name} (\${joined} so far)\`);
    });
    ctx.logger.info('${name} is ready');
    return { greetings: () => greetings };
  },
});
`;
}
