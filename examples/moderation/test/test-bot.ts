import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { ZoryxConfigInput } from '@zoryx/framework';
import { createTestBot, type TestBot } from '@zoryx/testing';

export type { TestBot } from '@zoryx/testing';

/** This example's folder (what a bot drops into its `extensions/` directory). */
export const extensionRoot = resolve(import.meta.dirname, '..');

/**
 * An example extension's files — its `index.ts` and `src/`, without tests — placed under
 * `extensions/<name>/`, the way a bot author would drop it in (as `createTestBot` files).
 */
export async function extensionFiles(
  name: string,
  source: string,
): Promise<Record<string, string>> {
  const entries = await readdir(join(source, 'src'), { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && !/\.test(-d)?\.ts$/.test(entry.name))
    .map((entry) => relative(source, join(entry.parentPath, entry.name)));
  const files: Record<string, string> = {};
  for (const path of ['index.ts', ...paths]) {
    files[`extensions/${name}/${path}`] = await readFile(join(source, path), 'utf8');
  }
  return files;
}

/**
 * `createTestBot` (a real bot against @zoryx/emulator, in a temp folder) with copies of the
 * given example extensions in `extensions/`, by name → folder. One per test file: Sapphire keeps
 * its registries in module-global state.
 */
export async function startTestBot(
  extensions: Readonly<Record<string, string>>,
  config: ZoryxConfigInput = {},
): Promise<TestBot> {
  const files: Record<string, string> = {};
  for (const [name, source] of Object.entries(extensions)) {
    Object.assign(files, await extensionFiles(name, source));
  }
  return createTestBot({
    files,
    // Tests run many commands per user in a row; the default cooldown (3 per 5 s) and intake
    // limit (10 commands per user per 10 s) would refuse them.
    config: {
      cooldowns: { default: { limit: 1000, windowSeconds: 1 } },
      intake: { commandsPerUser: false },
      ...config,
    },
  });
}
