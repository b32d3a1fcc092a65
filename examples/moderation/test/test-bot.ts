import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Emulator, startEmulator } from '@zoryx/emulator';
import { createBot, type ZoryxClient, type ZoryxConfigInput } from '@zoryx/framework';
import type { BootReport } from '@zoryx/loader';
import pino from 'pino';

/** This example's folder (what a bot drops into its `extensions/` directory). */
export const extensionRoot = resolve(import.meta.dirname, '..');

/**
 * Copies an example extension (its `index.ts` and `src/`, without tests) into
 * `<botDir>/extensions/<name>/`, the way a bot author would drop it in. The loader discovers
 * `extensions/<name>/index.ts` and bundles it; its imports of discord.js, Sapphire, zod and the
 * Zoryx packages are the host's own instances (`sharedModules`).
 */
export async function installExtension(botDir: string, source: string, name: string) {
  const target = join(botDir, 'extensions', name);
  await cp(join(source, 'index.ts'), join(target, 'index.ts'));
  await cp(join(source, 'src'), join(target, 'src'), {
    recursive: true,
    filter: (path) => !/\.test(-d)?\.ts$/.test(path),
  });
}

/** A bot folder in a temp dir and the emulator it logs in to. */
export interface TestBot {
  readonly discord: Emulator;
  readonly dir: string;
  /** The running bot (replaced by `restart()`). */
  bot: ZoryxClient;
  /** The loader's boot report of the running bot. */
  report: BootReport;
  /** Shuts the bot down and starts a new one on the same folder (the emulator keeps running). */
  restart(): Promise<ZoryxClient>;
  close(): Promise<void>;
}

/**
 * Starts a real bot (`createBot`, as in production) in a temp folder whose `extensions/` holds
 * copies of the given example extensions, logged in to a fresh @zoryx/emulator. One per test
 * file: Sapphire keeps its registries in module-global state.
 */
export async function startTestBot(
  extensions: Readonly<Record<string, string>>,
  config: ZoryxConfigInput = {},
): Promise<TestBot> {
  const discord = await startEmulator({ heartbeatInterval: 60_000 });
  const dir = await mkdtemp(join(tmpdir(), 'zoryx-example-'));
  for (const [name, source] of Object.entries(extensions)) {
    await installExtension(dir, source, name);
  }
  const boot = async () => {
    const bot = await createBot({
      cwd: dir,
      config: {
        autoReload: false,
        logging: { file: false },
        // Tests run many commands per user in a row; the default 3 per 5 s would refuse them.
        cooldowns: { default: { limit: 1000, windowSeconds: 1 } },
        ...config,
      },
      env: { DISCORD_TOKEN: discord.token, ZORYX_DISCORD_API: discord.apiUrl },
      clientOptions: discord.clientOptions() as never,
      logger: pino({ level: process.env.ZORYX_TEST_LOG ?? 'silent' }),
      handleSignals: false,
      commandDebounceMs: 20,
    });
    const report = await bot.start();
    const missing = Object.keys(extensions).filter((name) => !report.loaded.includes(name));
    if (missing.length > 0) {
      await bot.shutdown('test');
      throw new Error(`extensions did not load: ${missing.join(', ')}\n${report.summary}`);
    }
    await bot.commandService.idle();
    return { bot, report };
  };
  const handle: TestBot = {
    discord,
    dir,
    ...(await boot()),
    async restart() {
      await handle.bot.shutdown('test');
      Object.assign(handle, await boot());
      return handle.bot;
    },
    async close() {
      await handle.bot.shutdown('test');
      await discord.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
