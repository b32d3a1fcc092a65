import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';
import { hybridExtension } from '../helpers/extension-sources.js';

describe('a bot with one hybrid command against the emulator', () => {
  let fx: BotFixture;
  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write(
      'extensions/greeter/index.ts',
      hybridExtension({ name: 'greeter', command: 'ping', reply: 'pong v1' }),
    );
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('boots, registers the command and answers slash, prefix and mention', async () => {
    await fx.start();
    const guild = fx.discord.createGuild({ name: 'Test' });
    const general = guild.createChannel({ name: 'general' });
    const alice = fx.discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    expect(fx.discord.commands().map((c) => c.name)).toEqual(['ping']);
    expect((await alice.slash(guild, 'ping').reply()).content).toBe('pong v1');
    expect((await alice.send(general, '!ping').reply()).content).toBe('pong v1');
    const mention = `<@${fx.discord.botUserId}> ping`;
    expect((await alice.send(general, mention).reply()).content).toBe('pong v1');
  });
});
