/**
 * Run by the crash torture test in a child process (bundled first). Writes growing versions
 * to `one.json` (in bursts of coalesced calls) and to many files, and bumps `counter.json`
 * with `update`, forever. After each version is acknowledged everywhere it prints
 * `ack <version>`. stdout is a pipe, which Node writes synchronously on POSIX: a line printed
 * before SIGKILL reaches the parent.
 */
import { AtomicStore } from '../src/index.js';
import { crashDoc, crashFiles } from './crash-doc.js';

const [root, startArg, manyArg] = process.argv.slice(2);
const files = crashFiles(Number(manyArg));
const store = new AtomicStore({ root: root as string });

// Waits for start-up (stray temp cleanup) before telling the parent to start the clock.
await store.readJson('counter.json', { cache: false });
process.stdout.write('ready\n');
for (let version = Number(startArg); ; version++) {
  const writes: Promise<unknown>[] = [];
  // A burst on one file: only the last content is written, every caller acknowledged.
  writes.push(store.writeJson('one.json', crashDoc(version - 1, 0)));
  writes.push(store.writeJson('one.json', crashDoc(version, 0)));
  files.slice(1).forEach((file, i) => {
    writes.push(store.writeJson(file, crashDoc(version, i + 1)));
  });
  writes.push(store.update<number>('counter.json', (n) => (n ?? 0) + 1));
  await Promise.all(writes);
  process.stdout.write(`ack ${version}\n`);
}
