/**
 * Extensions that misbehave outside `ctx`, the way an attacker tested the starter bot: each
 * lets one error escape in a different way. Each command answers first, so the user sees a
 * reply and the error happens afterwards, out of the command's reach.
 */

/** `/steady` answers 'still here': the extension that must keep working. */
export const STEADY = `import { defineCommand, defineExtension } from '@zoryx/framework';
const steady = defineCommand({
  name: 'steady',
  description: 'Answers while the others break',
  run: (interaction) => interaction.reply('still here'),
});
export default defineExtension({ name: 'steady', version: '1.0.0', commands: [steady] });
`;

/** A raw `ctx.client.on('messageCreate')` listener that throws on the message 'boom'. */
export const NOISY = `import { defineExtension } from '@zoryx/framework';
export default defineExtension({
  name: 'noisy',
  version: '1.0.0',
  setup(ctx) {
    ctx.client.on('messageCreate', (message) => {
      if (message.content === 'boom') throw new Error('the noisy listener threw');
    });
  },
});
`;

/** `/float` leaves a rejected promise nobody handles. */
export const FLOATY = `import { defineCommand, defineExtension } from '@zoryx/framework';
const float = defineCommand({
  name: 'float',
  description: 'Leaves a rejected promise behind',
  async run(interaction) {
    await interaction.reply('floating');
    Promise.reject(new Error('a floating rejection'));
  },
});
export default defineExtension({ name: 'floaty', version: '1.0.0', commands: [float] });
`;

/** `/timer` throws from a plain setTimeout. */
export const TIMERY = `import { defineCommand, defineExtension } from '@zoryx/framework';
const timer = defineCommand({
  name: 'timer',
  description: 'Throws from a timer',
  async run(interaction) {
    await interaction.reply('timer set');
    setTimeout(() => {
      throw new Error('the timer threw');
    }, 1);
  },
});
export default defineExtension({ name: 'timery', version: '1.0.0', commands: [timer] });
`;

/** `/long` sends a 2,001-character message without awaiting it (Discord refuses it). */
export const CHATTY = `import { defineCommand, defineExtension } from '@zoryx/framework';
const long = defineCommand({
  name: 'long',
  description: 'Sends a message that is too long, without awaiting it',
  async run(interaction) {
    await interaction.reply('sending');
    void interaction.channel.send('x'.repeat(2001));
  },
});
export default defineExtension({ name: 'chatty', version: '1.0.0', commands: [long] });
`;

/** Registers one raw messageCreate listener per load: for the reload leak check. */
export const TALLY = `import { defineExtension } from '@zoryx/framework';
export default defineExtension({
  name: 'tally',
  version: '1.0.0',
  setup(ctx) {
    let seen = 0;
    const count = () => { seen++; };
    ctx.client.on('messageCreate', count);
    ctx.client.once('messageCreate', () => {});
    ctx.client.prependListener('messageCreate', () => {});
    // off() takes the function the extension registered
    const removed = () => {};
    ctx.client.on('messageCreate', removed);
    ctx.client.off('messageCreate', removed);
    return { seen: () => seen };
  },
});
`;
