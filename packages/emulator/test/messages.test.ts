import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

let harness: Harness | undefined;
afterEach(async () => {
  await teardown(harness);
  harness = undefined;
});

describe('message round trip', () => {
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
});
