import { resolve } from 'node:path';
import type { EmulatorOptions } from '@zoryx/emulator';
import type { ZoryxConfigInput } from '@zoryx/framework';
import { createTestBot, type TestBot } from '@zoryx/testing';
import { notesExtension } from './fixtures/notes-extension.js';
import '../src/vocabulary.js';

/** This package's folder: the bot loads `@zoryx/backup` from its build, as an npm package. */
export const backupPackage = resolve(import.meta.dirname, '..');

declare module '@zoryx/framework' {
  interface ExtensionApis {
    notes: {
      write(guildId: string, data: unknown): Promise<void>;
      read(guildId: string): Promise<unknown>;
    };
  }
}

/** A test bot with `@zoryx/backup` (built) and the `notes` extension, against a fresh emulator. */
export function startBackupBot(
  options: { config?: ZoryxConfigInput; emulator?: EmulatorOptions } = {},
): Promise<TestBot> {
  return createTestBot({
    files: { 'extensions/notes/index.ts': notesExtension },
    config: {
      cooldowns: { default: { limit: 1000, windowSeconds: 1 } },
      intake: { commandsPerUser: false },
      ...options.config,
      extensions: { packages: [backupPackage], ...(options.config?.extensions ?? {}) },
    },
    ...(options.emulator ? { emulator: options.emulator } : {}),
  });
}
