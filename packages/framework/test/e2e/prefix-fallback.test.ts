import type { ChannelHandle, GuildHandle, UserHandle } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';

const SLASH_ONLY = `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/loader';

class GiveCommand extends Command {
  constructor(context, options) { super(context, { ...options, name: 'give', description: 'Give coins' }); }
  registerApplicationCommands(registry) {
    registry.registerChatInputCommand((b) => b.setName('give').setDescription('Give coins')
      .addUserOption((o) => o.setName('user').setDescription('Who').setRequired(true))
      .addIntegerOption((o) => o.setName('amount').setDescription('How many').setRequired(true).setMinValue(1))
      .addStringOption((o) => o.setName('note').setDescription('Why')));
  }
  async chatInputRun(interaction) {
    const user = interaction.options.getUser('user', true);
    const amount = interaction.options.getInteger('amount', true);
    const note = interaction.options.getString('note') ?? 'no reason';
    await interaction.deferReply();
    return interaction.editReply({ content: 'gave ' + amount + ' to ' + user.username + ' for ' + note, ephemeral: true });
  }
}
export default defineExtension({ name: 'bank', version: '1.0.0', commands: [GiveCommand] });
`;

describe('prefix invocations of slash-only commands', () => {
  let fx: BotFixture;
  let guild: GuildHandle;
  let general: ChannelHandle;
  let alice: UserHandle;
  let bob: UserHandle;
  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write('extensions/bank/index.ts', SLASH_ONLY);
    await fx.start();
    guild = fx.discord.createGuild({ name: 'Bank' });
    general = guild.createChannel({ name: 'general' });
    alice = fx.discord.createUser({ username: 'alice' });
    bob = fx.discord.createUser({ username: 'bob' });
    guild.addMember(alice);
    guild.addMember(bob);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('parses mentions, integers and the rest of the line into the slash handler', async () => {
    const reply = await alice.send(general, `!give <@${bob.id}> 5 for the pizza`).reply();
    expect(reply.content).toBe('gave 5 to bob for for the pizza');
    const slash = await alice.slash(guild, 'give', { user: bob, amount: 2 }).reply();
    expect(slash.content).toBe('gave 2 to bob for no reason');
  });

  it('answers bad arguments with the usage line and the failing argument', async () => {
    const reply = await alice.send(general, `!give <@${bob.id}> lots`).reply();
    expect(reply.embeds[0]?.description).toContain('amount');
    expect(reply.embeds[0]?.description).toContain('Usage: `!give');
  });

  it('works through the mention prefix too', async () => {
    const reply = await alice
      .send(general, `<@${fx.discord.botUserId}> give user:${bob.id} amount:3`)
      .reply();
    expect(reply.content).toMatch(/^gave 3 to bob/);
  });
});
