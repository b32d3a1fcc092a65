import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BotFolder } from './bot-folder.js';
import { MarketplaceError } from './errors.js';

interface LockOwner {
  readonly pid: number;
  readonly operation: string;
  readonly at: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `task` holding the bot folder's marketplace lock (`<stateDir>/operation.lock`, created
 * exclusively): one install, update or removal at a time, whether it comes from `zoryx ext` or
 * the bot's `/marketplace` command. A lock whose process is gone is taken over; a live one makes
 * this throw `ZRX_MARKET_BUSY` naming the operation that holds it.
 */
export async function withOperationLock<T>(
  folder: BotFolder,
  operation: string,
  task: () => Promise<T>,
): Promise<T> {
  const file = join(folder.stateDir, 'operation.lock');
  await mkdir(folder.stateDir, { recursive: true });
  const owner: LockOwner = { pid: process.pid, operation, at: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, JSON.stringify(owner), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0)
        throw busy(file, error);
      const held: Partial<LockOwner> = await readFile(file, 'utf8').then(
        (text) => JSON.parse(text),
        () => ({}),
      );
      if (typeof held.pid === 'number' && alive(held.pid)) {
        throw new MarketplaceError(
          'ZRX_MARKET_BUSY',
          `Another marketplace operation is running: ${held.operation ?? 'unknown'} (pid ${held.pid}, since ${held.at ?? '?'}).`,
        );
      }
      await rm(file, { force: true });
    }
  }
  try {
    return await task();
  } finally {
    await rm(file, { force: true });
  }
}

function busy(file: string, cause: unknown): MarketplaceError {
  return new MarketplaceError(
    'ZRX_MARKET_BUSY',
    `The marketplace lock ${file} could not be taken.`,
    { cause },
  );
}
