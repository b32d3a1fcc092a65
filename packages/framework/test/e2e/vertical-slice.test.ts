import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';
import { hybridExtension } from '../helpers/extension-sources.js';

describe('a bot with one hybrid command against the emulator', () => {
  let fx: BotFixture;
  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write(
      'extensions/greeter/index.ts',
      hybridExtension({ name: 'greeter', command: 'ping', reply: 'pong v1' }).replace(
        'commands: [',
        `setup(ctx) {
    ctx.hooks.on('bot_ready', async (ready) => {
      await ctx.store.writeJson('ready.json', { userId: ready.userId, clientUser: ctx.client.user.id });
    });
  },
  commands: [`,
      ),
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
    // alice used her 3 uses per 5 s; bob checks the guild's own prefix.
    const bob = fx.discord.createUser({ username: 'bob' });
    guild.addMember(bob);
    await fx.bot!.settings(guild.id).set('prefix', '?');
    expect((await bob.send(general, '?ping').reply()).content).toBe('pong v1');
  });

  it('emits bot_ready to extension hooks, which get a scoped store and the client in ctx', async () => {
    await fx.bot!.hooks.drain();
    const file = join(fx.dir, 'data', 'extensions', 'greeter', 'ready.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      userId: fx.discord.botUserId,
      clientUser: fx.discord.botUserId,
    });
  });
});
