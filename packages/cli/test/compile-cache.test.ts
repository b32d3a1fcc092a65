// Node's module compile cache as `zoryx start` turns it on (src/compile-cache.ts): on Node ≥ 22.1
// a second start reads the modules compiled by the first from the cache, in the main thread and in
// a worker thread (which inherits it through NODE_COMPILE_CACHE); on Node 20 nothing changes.
// Runs on the Node running the tests; ZORYX_TEST_NODE_BINARIES (paths separated by `:`, e.g. the
// Node 22 and 24 of scripts/node-matrix.mjs) adds others. Checked on the built dist/.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CHILD = join(import.meta.dirname, 'fixtures', 'compile-cache-child.mjs');
const PAYLOAD = pathToFileURL(join(import.meta.dirname, 'fixtures', 'compile-cache-payload.mjs'));
const NODES = [
  ...new Set([
    process.execPath,
    ...(process.env.ZORYX_TEST_NODE_BINARIES?.split(':').filter(Boolean) ?? []),
  ]),
];
const folders: string[] = [];

interface Seen {
  status: { status: string; directory?: string; message?: string };
  dir: string | null;
  answer: number;
  worker: { dir: string | null; answer: number };
}

async function start(node: string, env: Record<string, string>) {
  const { NODE_COMPILE_CACHE: _set, NODE_DISABLE_COMPILE_CACHE: _off, ...inherited } = process.env;
  const { stdout, stderr } = await run(node, [CHILD], {
    env: { ...inherited, ...env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
  });
  return { seen: JSON.parse(stdout) as Seen, log: stderr };
}

/** Node's debug lines for a cache hit on the payload (22: `cache for …`, 24: `… for ESM …`). */
function hitsOf(log: string): number {
  return log
    .split('\n')
    .filter((line) => line.includes(PAYLOAD.href) && /cache for (ESM )?\S+ was accepted/.test(line))
    .length;
}

async function version(node: string): Promise<number> {
  const { stdout } = await run(node, ['-p', 'process.versions.node']);
  const [major = 0, minor = 0] = stdout.trim().split('.').map(Number);
  return major * 100 + minor;
}

afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.each(NODES)('the compile cache on %s', (node) => {
  it('a second start reads what the first compiled, in the main thread and a worker', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'zoryx-compile-cache-'));
    folders.push(folder);
    const first = await start(node, { ZORYX_COMPILE_CACHE: folder });
    expect(first.seen.answer).toBe(84);
    expect(first.seen.worker.answer).toBe(84);
    if ((await version(node)) < 2201) {
      expect(first.seen.status).toEqual({ status: 'unavailable' });
      expect(await readdir(folder)).toEqual([]);
      return;
    }
    expect(first.seen.status).toEqual({ status: 'enabled', directory: folder });
    expect(first.seen.dir?.startsWith(folder)).toBe(true);
    // The worker enabled it itself, at its start, in the same folder.
    expect(first.seen.worker.dir).toBe(first.seen.dir);
    expect((await readdir(first.seen.dir ?? folder)).length).toBeGreaterThan(0);
    expect(hitsOf(first.log)).toBe(0);

    const second = await start(node, { ZORYX_COMPILE_CACHE: folder });
    expect(second.seen.dir).toBe(first.seen.dir);
    // Once in this thread, once in the worker.
    expect(hitsOf(second.log)).toBe(2);
  });

  it('stays off when opted out, by ZORYX_COMPILE_CACHE=off or NODE_DISABLE_COMPILE_CACHE', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'zoryx-compile-cache-'));
    folders.push(folder);
    const off = await start(node, { ZORYX_COMPILE_CACHE: 'off' });
    expect(off.seen.status).toEqual({ status: 'off' });
    expect(off.seen.dir ?? null).toBeNull();
    expect(off.seen.worker.dir ?? null).toBeNull();
    const disabled = await start(node, {
      ZORYX_COMPILE_CACHE: folder,
      NODE_DISABLE_COMPILE_CACHE: '1',
    });
    expect(disabled.seen.answer).toBe(84);
    if ((await version(node)) >= 2201) expect(disabled.seen.status).toEqual({ status: 'off' });
    expect(await readdir(folder)).toEqual([]);
  });

  it('starts anyway when the folder cannot be written', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'zoryx-compile-cache-'));
    folders.push(folder);
    // A path below a regular file: no user (root included) can create that folder.
    const blocked = join(CHILD, 'cache');
    const seen = (await start(node, { ZORYX_COMPILE_CACHE: blocked })).seen;
    expect(seen.answer).toBe(84);
    expect(seen.worker.answer).toBe(84);
    if ((await version(node)) >= 2201) {
      expect(seen.status.status).toBe('failed');
      expect(seen.status.message).toBeTruthy();
    } else {
      expect(seen.status).toEqual({ status: 'unavailable' });
    }
  });
});
