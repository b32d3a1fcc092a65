import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

let harness: Harness | undefined;
afterEach(async () => {
  await teardown(harness);
  harness = undefined;
});

describe('message round trip', () => {
  it('records user, role and everyone mentions, and none in a message without an @', async () => {
    harness = await setup();
    const { discord } = harness;
    const guild = discord.createGuild({ name: 'Mentions' });
    const general = guild.createChannel({ name: 'general' });
    const role = guild.createRole({ name: 'mods' });
    const alice = discord.createUser({ username: 'alice' });
    const bob = discord.createUser({ username: 'bob' });
    guild.addMember(alice);
    guild.addMember(bob);
    alice.send(general, `hi <@!${bob.id}>, <@&${role.id}> @here`);
    alice.send(general, 'plain words, no mention');
    const [mentioning, plain] = discord.messages(general);
    expect(mentioning?.mentions.map((user) => user.id)).toEqual([bob.id]);
    expect(mentioning?.mention_roles).toEqual([role.id]);
    expect(mentioning?.mention_everyone).toBe(true);
    expect(plain).toMatchObject({ mentions: [], mention_roles: [], mention_everyone: false });
  });

  it('delivers a user message and resolves reply() with the bot answer', async () => {
    harness = await setup();
    const { discord } = harness;
    const guild = discord.createGuild({ name: 'Test' });
    const general = guild.createChannel({ name: 'general' });
    const alice = discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    const client = await loginClient(harness);
    client.on('messageCreate', async (message) => {
      if (message.content === '!ping') await message.reply('pong');
    });
    const reply = await alice.send(general, '!ping').reply();
    expect(reply.content).toBe('pong');
    expect(reply.raw.message_reference?.message_id).toBeDefined();
    expect(discord.messages(general).map((message) => message.content)).toEqual(['!ping', 'pong']);
  });

  it('matches replies to the right user when several talk in one channel', async () => {
    harness = await setup();
    const { discord } = harness;
    const guild = discord.createGuild({ name: 'Busy' });
    const general = guild.createChannel({ name: 'general' });
    const alice = discord.createUser({ username: 'alice' });
    const bob = discord.createUser({ username: 'bob' });
    guild.addMember(alice);
    guild.addMember(bob);
    const client = await loginClient(harness);
    const pending: (() => Promise<unknown>)[] = [];
    client.on('messageCreate', (message) => {
      if (message.author.bot) return;
      pending.push(() => message.reply(`hi ${message.author.username}`));
      // Answer in reverse order once both arrived: bob's reply lands first.
      if (pending.length === 2) void pending[1]!().then(() => pending[0]!());
    });
    const fromAlice = alice.send(general, 'hello');
    const fromBob = bob.send(general, 'hello');
    expect((await fromAlice.reply()).content).toBe('hi alice');
    expect((await fromBob.reply()).content).toBe('hi bob');
  });

  it('shows what the bot DMed a user', async () => {
    harness = await setup();
    const { discord } = harness;
    const guild = discord.createGuild({ name: 'DM' });
    const general = guild.createChannel({ name: 'general' });
    const alice = discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    const client = await loginClient(harness);
    client.on('messageCreate', async (message) => {
      if (message.content === '!remind') {
        await message.author.send('your reminder');
        await message.reply('sent you a DM');
      }
    });
    expect((await alice.send(general, '!remind').reply()).content).toBe('sent you a DM');
    expect(alice.dms().map((m) => m.content)).toEqual(['your reminder']);
  });
});
