/** PascalCase of an extension name: `ticket-tools` → `TicketTools`. */
export function pascalCase(name: string): string {
  return name
    .split(/[-_]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Source of a new extension named `name`: a hybrid command `/name` + `!name`, a hook that
 * counts the guilds joined in the extension's store, and a log line on setup.
 */
export function extensionSkeleton(name: string): string {
  const className = `${pascalCase(name)}Command`;
  return `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/framework';
import type { Message } from 'discord.js';
import { z } from 'zod';

/** \`/${name}\` and \`!${name}\`. */
class ${className} extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, { ...options, name: '${name}', description: 'Says hello from ${name}' });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder.setName(this.name).setDescription(this.description),
    );
  }

  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    await interaction.reply('Hello from ${name}!');
  }

  public override async messageRun(message: Message) {
    await message.reply('Hello from ${name}!');
  }
}

export default defineExtension({
  name: '${name}',
  version: '0.1.0',
  description: 'TODO: what ${name} does',
  // Read from config.json → extensions.config.${name}; the defaults apply when it is missing.
  config: z.object({ logJoins: z.boolean().default(true) }),
  commands: [${className}],
  setup(ctx) {
    // Hooks, timers and pieces registered through ctx are released when the extension unloads.
    ctx.hooks.on('guild_joined', async function countGuilds({ name }) {
      const joined = await ctx.store.update<number>('guilds-joined.json', (n = 0) => n + 1);
      if (ctx.config.logJoins) ctx.logger.info(\`joined \${name} (\${joined} so far)\`);
    });
    ctx.logger.info('${name} is ready');
  },
});
`;
}
