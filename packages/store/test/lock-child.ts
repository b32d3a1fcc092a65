/**
 * Run by the data-folder lock tests in a child process (bundled first). argv: <dir>. Prints
 * `ready`, then obeys one command per stdin line:
 * - `go`: tries `lockDataFolder(dir)`; prints `won <pid>` or `lost <code> <holder pid>`;
 * - `release`: releases the lock, prints `released`;
 * - `exit`: exits without releasing (the exit handler must remove the lock).
 * The parent SIGKILLs it to leave a stale lock behind.
 */
import { createInterface } from 'node:readline';
import { type DataFolderLock, lockDataFolder, StoreError } from '../src/index.js';

const [dir] = process.argv.slice(2);
let lock: DataFolderLock | undefined;

async function obey(command: string): Promise<void> {
  if (command === 'go') {
    try {
      lock = await lockDataFolder(dir as string);
      process.stdout.write(`won ${process.pid}\n`);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      process.stdout.write(`lost ${error.code} ${error.holder?.pid}\n`);
    }
  } else if (command === 'release') {
    await lock?.release();
    process.stdout.write('released\n');
  } else if (command === 'exit') {
    process.exit(0);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  obey(line.trim()).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(3);
  });
});
process.stdout.write('ready\n');
