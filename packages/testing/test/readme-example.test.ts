// The example of README.md, kept runnable: if this file changes, update the README too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../src/index.js';

// What would be extensions/greeter/index.ts in a bot folder.
const greeter = `
import { defineCommand, defineExtension } from '@zoryx/framework';
const hello = defineCommand({
  name: 'hello',
  description: 'Says hello',
  run: (interaction) => interaction.reply('Hello, ' + interaction.user.username + '!'),
});
const visits = defineCommand({
  name: 'visits',
  description: 'Counts visits (admins only)',
  access: 'admin',
  async run(interaction, _args, ctx) {
    const count = await ctx.store.update('visits.json', (n = 0) => n + 1);
    return interaction.reply('Visit #' + count);
  },
});
export default defineExtension({ name: 'greeter', version: '1.0.0', commands: [hello, visits] });
`;

describe('greeter', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await createTestBot({ files: { 'extensions/greeter/index.ts': greeter } });
  });
  afterAll(() => t?.close());

  it('greets as a slash command and as !hello', async () => {
    expect((await t.member.slash(t.guild, 'hello').reply()).content).toBe('Hello, member!');
    expect((await t.admin.send(t.channel, '!hello').reply()).content).toBe('Hello, admin!');
  });

  it('lets administrators count visits, and keeps the count across a restart', async () => {
    expect((await t.admin.slash(t.guild, 'visits').reply()).content).toBe('Visit #1');
    const denied = await t.member.slash(t.guild, 'visits').reply();
    expect(denied.ephemeral).toBe(true);
    await t.restart();
    expect((await t.admin.slash(t.guild, 'visits').reply()).content).toBe('Visit #2');
  });
});
