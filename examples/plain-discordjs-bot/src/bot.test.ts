import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChannelHandle,
  type Emulator,
  type GuildHandle,
  startEmulator,
} from '@zoryx/emulator';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type AnalyticsSink, createFlakyAnalytics } from './analytics.js';
import { type Bot, type BotOptions, createBot } from './bot.js';
import { guildFile } from './leaderboard.js';
import { HOOK_IDS } from './listeners.js';

let discord: Emulator;
let dataDir: string;
let guild: GuildHandle;
let general: ChannelHandle;
let logs: string[];
const running: Bot[] = [];

beforeEach(async () => {
  discord = await startEmulator({ replyTimeout: 10_000 });
  dataDir = await mkdtemp(join(tmpdir(), 'zoryx-plain-bot-'));
  guild = discord.createGuild({ name: 'Counters' });
  general = guild.createChannel({ name: 'general' });
  logs = [];
});

afterEach(async () => {
  for (const bot of running.splice(0)) await bot.stop();
  await discord.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A well-behaved analytics service, for the tests that are not about the flaky one. */
const reliableAnalytics: AnalyticsSink = async () => {};

/** The real bot, logged in to the emulator, with `/top` registered. */
async function startBot(overrides: Partial<BotOptions> = {}): Promise<Bot> {
  const bot = createBot({
    token: discord.token,
    dataDir,
    clientOptions: discord.clientOptions(),
    analytics: reliableAnalytics,
    log: (line) => logs.push(line),
    ...overrides,
  });
  running.push(bot);
  await bot.start();
  await discord.waitFor(() => bot.client.guilds.cache.has(guild.id));
  return bot;
}

function member(username: string) {
  const user = discord.createUser({ username });
  guild.addMember(user);
  return user;
}

function analyticsHook(bot: Bot) {
  const hook = bot.hooks.hooks().find((h) => h.id === HOOK_IDS.reportAnalytics);
  if (hook === undefined) throw new Error('the analytics hook is not registered');
  return hook;
}

describe('prefix and slash commands', () => {
  test('!count counts each member per guild, the command message included', async () => {
    await startBot();
    const alice = member('alice');
    const bob = member('bob');
    alice.send(general, 'hello');
    alice.send(general, 'anyone here?');
    bob.send(general, 'hi alice');

    expect((await alice.send(general, '!count').reply()).content).toBe(
      'alice, you have sent 3 messages here (level 0).',
    );
    expect((await bob.send(general, '!COUNT').reply()).content).toBe(
      'bob, you have sent 2 messages here (level 0).',
    );

    // Another guild has its own counters.
    const other = discord.createGuild({ name: 'Elsewhere' });
    const lobby = other.createChannel({ name: 'lobby' });
    other.addMember(alice);
    await discord.waitFor(() => running[0]?.client.guilds.cache.has(other.id));
    expect((await alice.send(lobby, '!count').reply()).content).toBe(
      'alice, you have sent 1 message here (level 0).',
    );
  });

  test('!top and /top rank the members, sharing ranks on ties', async () => {
    await startBot();
    const alice = member('alice');
    const bob = member('bob');
    const carol = member('carol');
    for (const text of ['a', 'b', 'c']) alice.send(general, text);
    bob.send(general, 'x');
    carol.send(general, 'y');

    expect((await bob.send(general, '!top').reply()).content).toBe(
      [
        'Top members of Counters:',
        '1. alice — 3 messages',
        '2. bob — 2 messages',
        '3. carol — 1 message',
      ].join('\n'),
    );
    expect((await carol.send(general, '!top').reply()).content).toBe(
      [
        'Top members of Counters:',
        '1. alice — 3 messages',
        '2. bob — 2 messages',
        '2. carol — 2 messages',
      ].join('\n'),
    );
    expect((await alice.send(general, '!top 1').reply()).content).toBe(
      'Top members of Counters:\n1. alice — 4 messages',
    );

    expect(discord.commands().map((command) => command.name)).toEqual(['top']);
    const slash = await bob.slash(guild, 'top', { limit: 2 }, { channel: general }).reply();
    expect(slash.content).toBe(
      'Top members of Counters:\n1. alice — 4 messages\n2. bob — 2 messages',
    );
    // A slash command is not a message: it did not count.
    expect(await running[0]?.leaderboard.countOf(guild.id, bob.id)).toBe(2);
  });

  test('/top in a guild where nobody wrote yet says so', async () => {
    await startBot();
    const alice = member('alice');
    const reply = await alice.slash(guild, 'top', {}, { channel: general }).reply();
    expect(reply.content).toBe('Nobody has written in Counters yet.');
  });

  test('ignores other bots and unknown commands', async () => {
    const bot = await startBot();
    const otherBot = discord.createUser({ username: 'helper', bot: true });
    guild.addMember(otherBot);
    const alice = member('alice');
    otherBot.send(general, '!count');
    alice.send(general, '!nope');
    expect((await alice.send(general, '!count').reply()).content).toBe(
      'alice, you have sent 2 messages here (level 0).',
    );
    expect(await bot.leaderboard.countOf(guild.id, otherBot.id)).toBe(0);
    // The only bot message in the channel is the answer to the last !count.
    expect(general.messages().filter((m) => m.author.id === discord.botUserId)).toHaveLength(1);
  });
});

describe('hooks', () => {
  test('a level-up is a typed hook event announced in the channel', async () => {
    const bot = await startBot({ messagesPerLevel: 3 });
    const alice = member('alice');
    alice.send(general, 'one');
    alice.send(general, 'two');
    const announcement = await alice.send(general, 'three').reply();
    expect(announcement.content).toBe(`🎉 <@${alice.id}> reached level 1 after 3 messages!`);

    alice.send(general, 'four');
    alice.send(general, 'five');
    // The command reply is sent before the hooks of its message run.
    const [count, levelTwo] = await alice.send(general, '!count').replies(2);
    expect(count?.content).toBe('alice, you have sent 6 messages here (level 2).');
    expect(levelTwo?.content).toBe(`🎉 <@${alice.id}> reached level 2 after 6 messages!`);

    await bot.hooks.drain();
    const levelUps = bot.hooks.history({ event: 'level_up' });
    expect(levelUps.map((d) => d.ok)).toEqual([true, true]);
  });

  test('a hanging analytics hook times out, opens its breaker, and replies keep coming', async () => {
    let analyticsCalls = 0;
    const hangs: AnalyticsSink = (_event, signal) => {
      analyticsCalls += 1;
      return new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      });
    };
    const bot = await startBot({ analytics: hangs, analyticsTimeoutMs: 50, messagesPerLevel: 4 });
    const alice = member('alice');

    for (const expected of [
      'alice, you have sent 1 message here (level 0).',
      'alice, you have sent 2 messages here (level 0).',
      'alice, you have sent 3 messages here (level 0).',
    ]) {
      expect((await alice.send(general, '!count').reply()).content).toBe(expected);
    }
    await discord.waitFor(() => analyticsHook(bot).breaker === 'open', {
      timeout: 20_000,
      description: 'the analytics breaker to open',
    });
    expect(analyticsHook(bot).metrics).toMatchObject({ calls: 3, failures: 3, timeouts: 3 });
    expect(logs.some((line) => line.includes('"type":"breaker_opened"'))).toBe(true);

    // Open: the bus skips the hook instead of waiting on it; commands and level-ups go on.
    const [count, levelOne] = await alice.send(general, '!count').replies(2);
    expect(count?.content).toBe('alice, you have sent 4 messages here (level 1).');
    expect(levelOne?.content).toBe(`🎉 <@${alice.id}> reached level 1 after 4 messages!`);
    await bot.hooks.drain();
    expect(analyticsHook(bot).metrics.skippedOpen).toBe(1);
    expect(analyticsCalls).toBe(3);
  });

  test('the default flaky sink fails and hangs on schedule without breaking a reply', async () => {
    // The bot's default sink, with a test-sized timeout.
    const bot = await startBot({ analytics: createFlakyAnalytics(), analyticsTimeoutMs: 100 });
    const alice = member('alice');
    for (let n = 1; n <= 6; n++) {
      const reply = await alice.send(general, `!count`).reply();
      expect(reply.content).toContain(`you have sent ${n} message`);
    }
    // Calls 3 and 6 throw, call 4 hangs until its timeout: the third failure opens the breaker.
    await discord.waitFor(() => analyticsHook(bot).breaker === 'open', {
      timeout: 20_000,
      description: 'the analytics breaker to open',
    });
    expect(analyticsHook(bot).metrics).toMatchObject({
      calls: 6,
      successes: 3,
      failures: 3,
      timeouts: 1,
    });
    expect(analyticsHook(bot).metrics.lastError?.message).toMatch(
      /did not settle within 100 ms|503/,
    );
  });
});

describe('persistence', () => {
  test('counts survive a restart of the bot on the same data directory', async () => {
    const first = await startBot();
    const alice = member('alice');
    alice.send(general, 'before the restart');
    expect((await alice.send(general, '!count').reply()).content).toBe(
      'alice, you have sent 2 messages here (level 0).',
    );
    await first.stop();

    // What is on disk is plain, complete JSON.
    const file = JSON.parse(await readFile(join(dataDir, guildFile(guild.id)), 'utf8'));
    expect(file).toEqual({ members: { [alice.id]: { name: 'alice', count: 2 } } });

    await startBot();
    expect((await alice.send(general, '!count').reply()).content).toBe(
      'alice, you have sent 3 messages here (level 0).',
    );
    const top = await alice.slash(guild, 'top', {}, { channel: general }).reply();
    expect(top.content).toBe('Top members of Counters:\n1. alice — 3 messages');
  });
});
