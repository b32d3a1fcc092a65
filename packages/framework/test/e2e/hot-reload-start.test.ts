// start() no longer waits for the hot reloader's watcher (src/client/hot-reload-start.ts): the
// bot is up first, the watcher starts after, and a watcher that cannot start is reported — a log
// line with ZRX_HOT_RELOAD_START and the `hot_reload_failed` hook — instead of failing start().
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HotReloadEvent } from '@zoryx/loader';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/client/create-bot.js';
import type { ZoryxClient } from '../../src/client/zoryx-client.js';
import { BotFixture } from '../helpers/bot-fixture.js';
import { hybridExtension } from '../helpers/extension-sources.js';

interface LogLine {
  level: number;
  msg: string;
  code?: string;
  directory?: string;
}

describe('the hot reloader starts after start()', () => {
  const fixtures: BotFixture[] = [];
  const bots: ZoryxClient[] = [];
  afterAll(async () => {
    for (const bot of bots) await bot.shutdown('test');
    for (const fx of fixtures) await fx.close();
  });

  async function bot(
    fx: BotFixture,
    extensionsDir: string,
    lines: LogLine[],
    reloads: HotReloadEvent[] = [],
  ) {
    const created = await createBot({
      cwd: fx.dir,
      config: {
        logging: { file: false },
        autoReload: true,
        extensions: { dir: extensionsDir },
        components: { statusRotation: false },
      },
      env: { DISCORD_TOKEN: fx.discord.token, ZORYX_DISCORD_API: fx.discord.apiUrl },
      clientOptions: fx.discord.clientOptions() as never,
      logger: pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) }),
      handleSignals: false,
      hotReload: { onEvent: (event) => reloads.push(event) },
    });
    bots.push(created);
    return created;
  }

  it('a watcher that cannot start is logged and emitted; the bot is up and shuts down cleanly', async () => {
    const fx = await BotFixture.create();
    fixtures.push(fx);
    const lines: LogLine[] = [];
    // A folder name longer than the system allows, in a folder that exists: there is nothing to
    // load, and the watcher fails (ENAMETOOLONG) while it starts.
    await mkdir(join(fx.dir, 'extensions'));
    const tooLong = join('extensions', 'x'.repeat(300));
    const failing = await bot(fx, tooLong, lines);
    const events: { directory: string; error: { message: string; code?: string } }[] = [];
    failing.hooks.on('hot_reload_failed', (payload) => {
      events.push(payload);
    });

    const report = await failing.start();
    expect(report.loaded).toEqual([]);
    expect(failing.isReady()).toBe(true);
    expect(await failing.hotReloadStarted()).toBe(false);

    const logged = lines.find((line) => line.code === 'ZRX_HOT_RELOAD_START');
    expect(logged).toMatchObject({ level: 50, directory: join(fx.dir, tooLong) });
    expect(logged?.msg).toContain('runs without it');
    const [event] = await fx.discord.waitFor(() => (events.length > 0 ? events : undefined));
    expect(event?.directory).toBe(join(fx.dir, tooLong));
    expect(event?.error.code).toBe('ENAMETOOLONG');

    await failing.shutdown('test');
    expect(lines.some((line) => line.msg === 'shutdown complete')).toBe(true);
  });

  it('a working watcher: start() resolves, hotReloadStarted() says so, a save right after start() is reloaded', async () => {
    const fx = await BotFixture.create();
    fixtures.push(fx);
    const lines: LogLine[] = [];
    await fx.write(
      'extensions/pinger/index.ts',
      hybridExtension({ name: 'pinger', command: 'ping', reply: 'pong' }),
    );
    const reloads: HotReloadEvent[] = [];
    const working = await bot(fx, 'extensions', lines, reloads);
    await working.start();
    // Saved before the watcher may be ready: caught up once it is.
    await fx.write(
      'extensions/pinger/index.ts',
      hybridExtension({ name: 'pinger', command: 'ping', reply: 'pong again' }),
    );
    expect(await working.hotReloadStarted()).toBe(true);
    expect(lines.some((line) => line.code === 'ZRX_HOT_RELOAD_START')).toBe(false);
    await fx.discord.waitFor(() =>
      reloads.find((e) => e.type === 'reloaded' && 'name' in e && e.name === 'pinger'),
    );
    const guild = fx.discord.createGuild({ name: 'Saves' });
    const general = guild.createChannel({ name: 'general' });
    const user = fx.discord.createUser({ username: 'saver' });
    guild.addMember(user);
    expect((await user.send(general, '!ping').reply()).content).toBe('pong again');
  });
});
