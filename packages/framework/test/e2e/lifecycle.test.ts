import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HookEvents } from '@zoryx/hooks';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/client/create-bot.js';
import { BotFixture } from '../helpers/bot-fixture.js';
import { hybridExtension, manyCommandsExtension } from '../helpers/extension-sources.js';

describe('lifecycle: config file, events, command changes, shutdown', () => {
  let fx: BotFixture;
  const seen: { event: keyof HookEvents; payload: unknown }[] = [];
  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write(
      'extensions/greeter.ts',
      hybridExtension({ name: 'greeter', command: 'hello', reply: 'hi there' }),
    );
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('creates config.json with defaults on first run and never overwrites an invalid one', async () => {
    const env = { DISCORD_TOKEN: 'x' };
    const bot = await createBot({ cwd: fx.dir, env, handleSignals: false, logger: silent() });
    expect(bot.config.prefix).toBe('!');
    const written = JSON.parse(await readFile(join(fx.dir, 'config.json'), 'utf8'));
    expect(written.cooldowns.default).toEqual({ limit: 3, windowSeconds: 5 });
    await bot.shutdown('test');
    await writeFile(join(fx.dir, 'config.json'), '{"prefix": 7}');
    await expect(createBot({ cwd: fx.dir, env, logger: silent() })).rejects.toMatchObject({
      code: 'ZRX_CONFIG_INVALID',
    });
    expect(await readFile(join(fx.dir, 'config.json'), 'utf8')).toBe('{"prefix": 7}');
    await writeFile(join(fx.dir, 'config.json'), JSON.stringify({ logging: { file: false } }));
    const tokenless = await createBot({
      cwd: fx.dir,
      env: {},
      handleSignals: false,
      logger: silent(),
    });
    await expect(tokenless.start()).rejects.toMatchObject({ code: 'ZRX_TOKEN_MISSING' });
    await tokenless.shutdown('test');
  });

  it('emits guild_joined and guild_left on the bus', async () => {
    const bot = await fx.start();
    for (const event of ['guild_joined', 'guild_left'] as const) {
      bot.hooks.on(event, (payload) => void seen.push({ event, payload }));
    }
    const guild = fx.discord.createGuild({ name: 'Joined later' });
    await fx.discord.waitFor(() => bot.guilds.cache.has(guild.id));
    guild.removeBot();
    await fx.discord.waitFor(() => !bot.guilds.cache.has(guild.id));
    await bot.hooks.drain();
    expect(seen).toEqual([
      {
        event: 'guild_joined',
        payload: { guildId: guild.id, name: 'Joined later', memberCount: expect.any(Number) },
      },
      { event: 'guild_left', payload: { guildId: guild.id, name: 'Joined later' } },
    ]);
  });

  it('syncs a changed command set with minimal calls, then with none', async () => {
    const bot = fx.bot!;
    fx.discord.clearRequests();
    const reloaded = fx.nextReload('greeter', 'reloaded');
    await fx.write(
      'extensions/greeter.ts',
      hybridExtension({ name: 'greeter', command: 'hello', reply: 'hi there' }).replaceAll(
        "'Says something'",
        "'Says hello'",
      ),
    );
    await reloaded;
    await bot.commandService.idle();
    const calls = fx.discord.requests().filter((r) => r.route.includes('/applications/'));
    expect(calls.map((c) => c.method)).toEqual(['GET', 'PATCH']);
    expect(fx.discord.commands()[0]?.description).toBe('Says hello');
    fx.discord.clearRequests();
    await bot.commandService.refresh();
    expect(fx.discord.requests().filter((r) => r.route.includes('/applications/'))).toEqual([]);
  });

  it('adds several commands with one bulk PUT and removes one with one DELETE', async () => {
    const bot = fx.bot!;
    const appCalls = () =>
      fx.discord
        .requests()
        .filter((r) => r.route.includes('/applications/'))
        .map((r) => r.method);
    fx.discord.clearRequests();
    await fx.write('extensions/more.ts', manyCommandsExtension('more', 'extra', 2));
    // The hot reloader may see the new file first; either way it ends up loaded once.
    await bot.extensions.load('more').catch((error: { code?: string }) => {
      if (error.code !== 'ZRX_EXT_ALREADY_LOADED') throw error;
    });
    await bot.commandService.idle();
    expect(appCalls()).toEqual(['GET', 'PUT']);
    expect(
      fx.discord
        .commands()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['extra-0', 'extra-1', 'hello']);
    fx.discord.clearRequests();
    await bot.extensions.unload('greeter');
    await bot.commandService.idle();
    expect(appCalls()).toEqual(['GET', 'DELETE']);
    expect(
      fx.discord
        .commands()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['extra-0', 'extra-1']);
  });

  it('shuts down gracefully: extensions unloaded, hooks drained, store and databases closed', async () => {
    const bot = fx.bot!;
    const unloaded: string[] = [];
    bot.hooks.on('extension_unloaded', (p) => void unloaded.push(p.name));
    await fx.stopBot();
    await fx.stopBot();
    expect(bot.isReady()).toBe(false);
    expect(bot.extensions.status().filter((s) => s.state === 'loaded')).toEqual([]);
    expect(bot.stores.get('commands').has('extra-0')).toBe(false);
    await expect(bot.db.guild('123456789012345678')).rejects.toThrow();
    expect(bot.hooks.stats().queued).toBe(0);
  });
});

function silent() {
  return pino({ level: 'silent' });
}
