import type { ChannelHandle, GuildHandle, UserHandle } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZoryxClient } from '../../src/client/zoryx-client.js';
import { BotFixture } from '../helpers/bot-fixture.js';

const PING = `
import { defineCommand, defineExtension } from '@zoryx/framework';

const ping = defineCommand({
  name: 'ping',
  description: 'Pong',
  run: (interaction) => interaction.reply('pong'),
});

const give = defineCommand({
  name: 'give',
  description: 'Needs an amount',
  options: { amount: { kind: 'integer', description: 'How many', required: true } },
  run: (interaction, { amount }) => interaction.reply('gave ' + amount),
});

export default defineExtension({ name: 'pinger', version: '1.0.0', commands: [ping, give] });
`;

// Windows of an hour: a slow machine never sees one end during a test.
const LIMIT = 5;

describe('intake limits per user', () => {
  let fx: BotFixture;
  let bot: ZoryxClient;
  let guild: GuildHandle;
  let owner: UserHandle;
  const members: Record<string, UserHandle> = {};

  beforeAll(async () => {
    fx = await BotFixture.create();
    owner = fx.discord.createUser({ username: 'owner' });
    await fx.write('extensions/pinger/index.ts', PING);
    bot = await fx.start({
      owners: [owner.id],
      intake: {
        commandsPerUser: { limit: LIMIT, windowSeconds: 3600 },
        unknownCommandReplies: { limit: 1, windowSeconds: 3600 },
      },
      // The per-command cooldown stays as it is; generous here so only the intake limit counts.
      commands: { ping: { cooldown: { limit: 1_000, windowSeconds: 1 } } },
    });
    guild = fx.discord.createGuild({ name: 'Spam' });
    guild.addMember(owner);
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      members[name] = fx.discord.createUser({ username: name });
      guild.addMember(members[name]);
    }
  });
  afterAll(async () => {
    await fx?.close();
  });

  /** The bot's messages in a channel. */
  function botMessages(channel: ChannelHandle) {
    return fx.discord.messages(channel).filter((m) => m.author.id === fx.discord.botUserId);
  }

  it('200 !ping from one member earn LIMIT pongs and one notice; another member is still answered', async () => {
    const spam = guild.createChannel({ name: 'spam' });
    const alice = members.alice!;
    for (let i = 0; i < 200; i += 1) alice.send(spam, '!ping');
    // Every message has had its verdict, and every admitted one its answer.
    await fx.discord.waitFor(() => bot.intake.stats().commandsLimited >= 200 - LIMIT, {
      timeout: 30_000,
    });
    await fx.discord.waitFor(() => botMessages(spam).length >= LIMIT + 1, { timeout: 30_000 });
    const answers = botMessages(spam);
    expect(answers.filter((m) => m.content === 'pong')).toHaveLength(LIMIT);
    const notices = answers.filter((m) => m.content !== 'pong');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.embeds[0]?.description).toMatch(/too fast/);
    expect(bot.intake.stats()).toMatchObject({ commandsLimited: 200 - LIMIT, noticesSent: 1 });

    const bob = await members.bob!.send(spam, '!ping').reply();
    expect(bob.content).toBe('pong');
    // Malformed invocations count too, and get no usage help once limited.
    alice.send(spam, '!give lots');
    await fx.discord.waitFor(() => bot.intake.stats().commandsLimited >= 200 - LIMIT + 1);
    expect(botMessages(spam)).toHaveLength(LIMIT + 2); // + bob's pong
  });

  it('slash commands share the limit: one ephemeral notice, then no answer', async () => {
    const dave = members.dave!;
    for (let i = 0; i < LIMIT; i += 1) {
      expect((await dave.slash(guild, 'ping').reply()).content).toBe('pong');
    }
    const notice = await dave.slash(guild, 'ping').reply();
    expect(notice.ephemeral).toBe(true);
    expect(notice.embeds[0]?.description).toMatch(/too fast/);
    const before = bot.intake.stats();
    dave.slash(guild, 'ping');
    await fx.discord.waitFor(() => bot.intake.stats().commandsLimited > before.commandsLimited);
    expect(bot.intake.stats().noticesSent).toBe(before.noticesSent);
  });

  it('bot owners are exempt', async () => {
    const channel = guild.createChannel({ name: 'owners' });
    for (let i = 0; i < LIMIT * 3; i += 1) {
      expect((await owner.send(channel, '!ping').reply()).content).toBe('pong');
    }
  });

  it('@Bot alone is answered once per window, then silence', async () => {
    const channel = guild.createChannel({ name: 'mentions' });
    const carol = members.carol!;
    const mention = `<@${fx.discord.botUserId}>`;
    const first = await carol.send(channel, mention).reply();
    expect(first.embeds[0]?.description).toContain('My prefix here is');
    for (let i = 0; i < 20; i += 1) carol.send(channel, mention);
    await fx.discord.waitFor(() => bot.intake.stats().unknownRepliesSuppressed >= 20);
    // Another member still gets the answer; it is the second and last in the channel.
    await members.erin!.send(channel, mention).reply();
    expect(botMessages(channel)).toHaveLength(2);
  });
});
