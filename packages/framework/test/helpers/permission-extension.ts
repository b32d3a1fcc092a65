/** An extension exercising permission tiers, cooldowns and error reporting. */
export const PERMISSION_EXTENSION = `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/loader';

function slash(name, options, run) {
  return class extends Command {
    constructor(context, base) { super(context, { ...base, ...options, name, description: name }); }
    registerApplicationCommands(registry) {
      registry.registerChatInputCommand((b) => b.setName(name).setDescription(name));
    }
    async chatInputRun(interaction) { return run(interaction); }
  };
}

export default defineExtension({
  name: 'guarded',
  version: '1.0.0',
  commands: [
    { name: 'halt', piece: slash('halt', { zoryx: { ownerOnly: true } }, (i) => i.reply('halting')) },
    { name: 'ban', piece: slash('ban', { requiredUserPermissions: ['BanMembers'] }, (i) => i.reply('banned')) },
    { name: 'spam', piece: slash('spam', {}, (i) => i.reply('spammed')) },
    { name: 'boom', piece: slash('boom', {}, () => { throw new Error('kaboom'); }) },
  ],
});
`;
