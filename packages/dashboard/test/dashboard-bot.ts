import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ZoryxConfigInput } from '@zoryx/framework';
import { type CreateTestBotOptions, createTestBot, type TestBot } from '@zoryx/testing';

/** This package's folder (its `dist` is what a bot loads). */
const PACKAGE_DIR = resolve(import.meta.dirname, '..');

/** A test bot with `@zoryx/dashboard` enabled as a bot would enable it, plus how to reach it. */
export interface DashboardBot {
  readonly t: TestBot;
  /** `bot.extensions.get('dashboard')`'s url. */
  url(): string;
  close(): Promise<void>;
}

/**
 * Boots a real bot (createTestBot, the emulator) whose `config.json` lists `@zoryx/dashboard` in
 * `extensions.packages`, resolved from the bot folder's `node_modules` like an installed package.
 */
export async function startDashboardBot(
  options: {
    dashboard?: Record<string, unknown>;
    files?: Record<string, string>;
    config?: ZoryxConfigInput;
  } & Pick<CreateTestBotOptions, 'allowFailedExtensions' | 'setup'> = {},
): Promise<DashboardBot> {
  const dir = await mkdtemp(join(tmpdir(), 'zoryx-dashboard-bot-'));
  await mkdir(join(dir, 'node_modules', '@zoryx'), { recursive: true });
  await mkdir(join(dir, 'extensions'), { recursive: true });
  await symlink(PACKAGE_DIR, join(dir, 'node_modules', '@zoryx', 'dashboard'), 'junction');
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({ extensions: { packages: ['@zoryx/dashboard'] } }),
  );
  const t = await createTestBot({
    dir,
    copy: true,
    files: options.files ?? {},
    config: {
      ...options.config,
      extensions: {
        packages: ['@zoryx/dashboard'],
        config: { dashboard: { port: 0, printLoginLink: false, ...options.dashboard } },
      },
    },
    ...(options.allowFailedExtensions ? { allowFailedExtensions: true } : {}),
    ...(options.setup ? { setup: options.setup } : {}),
  });
  return {
    t,
    url: () => {
      const api = t.bot.extensions.get('dashboard');
      if (!api) throw new Error('dashboard not loaded');
      return api.url;
    },
    async close() {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
