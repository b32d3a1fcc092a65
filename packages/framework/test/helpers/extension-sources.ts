/** Source of an extension with one hybrid command (slash + prefix + mention) replying `reply`. */
export function hybridExtension(options: {
  name: string;
  version?: string;
  command: string;
  reply: string;
  dependencies?: Record<string, string>;
  conflicts?: Record<string, string>;
  extra?: string;
}): string {
  const className = `${options.command.replace(/[^a-z0-9]/gi, '')}Command`;
  return `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/loader';

class ${className} extends Command {
  constructor(context, options) {
    super(context, { ...options, name: ${JSON.stringify(options.command)}, description: 'Says something' });
  }
  registerApplicationCommands(registry) {
    registry.registerChatInputCommand((b) =>
      b.setName(${JSON.stringify(options.command)}).setDescription('Says something'));
  }
  async chatInputRun(interaction) {
    return interaction.reply(${JSON.stringify(options.reply)});
  }
  async messageRun(message) {
    return message.reply(${JSON.stringify(options.reply)});
  }
}
${options.extra ?? ''}
export default defineExtension({
  name: ${JSON.stringify(options.name)},
  version: ${JSON.stringify(options.version ?? '1.0.0')},
  dependencies: ${JSON.stringify(options.dependencies ?? {})},
  conflicts: ${JSON.stringify(options.conflicts ?? {})},
  commands: [${className}],
});
`;
}

/** Source of an extension with `count` slash-only commands `<prefix>-<i>` answering their name. */
export function manyCommandsExtension(name: string, prefix: string, count: number): string {
  return `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/loader';

function make(n) {
  return class extends Command {
    constructor(context, options) { super(context, { ...options, name: n, description: 'Command ' + n }); }
    registerApplicationCommands(registry) {
      registry.registerChatInputCommand((b) => b.setName(n).setDescription('Command ' + n)
        .addStringOption((o) => o.setName('text').setDescription('Some text')));
    }
    async chatInputRun(interaction) {
      return interaction.reply('answer from ' + n + (interaction.options.getString('text') ? ':' + interaction.options.getString('text') : ''));
    }
  };
}

const commands = [];
for (let i = 0; i < ${count}; i++) {
  const n = ${JSON.stringify(prefix)} + '-' + i;
  commands.push({ name: n, piece: make(n) });
}
export default defineExtension({ name: ${JSON.stringify(name)}, version: '1.0.0', commands });
`;
}
