import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRoot } from '../test/temp-root.js';
import { AtomicStore } from './atomic-store.js';
import type { StoreError } from './errors.js';

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: StoreError) => e,
  );

describe('corrupt files', () => {
  it.each([
    ['truncated JSON', '{"a": 1, "b": '],
    ['an empty file', ''],
    ['binary garbage', '\u0000\u0001\u0002'],
  ])(
    '%s: ZRX_STORE_CORRUPT naming the file; the bytes are moved aside and kept',
    async (_, bytes) => {
      const root = await tempRoot();
      await writeFile(path.join(root, 'bad.json'), bytes);
      const store = new AtomicStore({ root, now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 6) });
      const error = await fail(store.readJson('bad.json'));
      expect(error.code).toBe('ZRX_STORE_CORRUPT');
      expect(error.file).toBe('bad.json');
      expect(error.message).toContain('bad.json');
      const aside = 'bad.json.corrupt-2026-01-02T03-04-05-006Z';
      expect(error.message).toContain(aside);
      expect((await readdir(root)).sort()).toEqual([aside]);
      expect(await readFile(path.join(root, aside), 'utf8')).toBe(bytes);
      // From now on the file is missing; writing it again works.
      expect(await store.readJson('bad.json')).toBeUndefined();
      await store.writeJson('bad.json', { fresh: true });
      expect(await store.readJson('bad.json')).toEqual({ fresh: true });
      expect(store.stats()).toMatchObject({ corruptFiles: 1, failures: 1 });
      await store.close();
    },
  );

  it('never overwrites an earlier corrupt copy from the same millisecond', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root, now: () => 0 });
    await writeFile(path.join(root, 'x.json'), '{');
    await fail(store.readJson('x.json'));
    await writeFile(path.join(root, 'x.json'), '[');
    await fail(store.readJson('x.json'));
    const files = (await readdir(root)).sort();
    expect(files).toEqual([
      'x.json.corrupt-1970-01-01T00-00-00-000Z',
      'x.json.corrupt-1970-01-01T00-00-00-000Z-1',
    ]);
    expect(await readFile(path.join(root, files[1] as string), 'utf8')).toBe('[');
    await store.close();
  });

  it('update on a corrupt file rejects instead of building on it', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'n.json'), 'not json');
    const store = new AtomicStore({ root });
    const results = await Promise.allSettled([
      store.update<number>('n.json', (n) => (n ?? 0) + 1),
      store.update<number>('n.json', (n) => (n ?? 0) + 1),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(((results[0] as PromiseRejectedResult).reason as StoreError).code).toBe(
      'ZRX_STORE_CORRUPT',
    );
    // The next update starts from "missing", explicitly.
    expect(await store.update<number>('n.json', (n) => (n ?? 0) + 1)).toBe(1);
    await store.close();
  });

  it('a file fixed before the check under the lock is read, not moved aside', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'r.json'), '{');
    const store = new AtomicStore({ root });
    // Queue a good write first: the corruption check runs after it, under the same lock.
    const read = store.readJson('r.json', { cache: false });
    const write = store.writeJson('r.json', { ok: 1 });
    await write;
    const value = await read.catch((e: StoreError) => e.code);
    expect([{ ok: 1 }, 'ZRX_STORE_CORRUPT']).toContainEqual(value);
    expect(await store.readJson('r.json', { cache: false })).toEqual({ ok: 1 });
    await store.close();
  });
});

describe('stray temp files', () => {
  it('are removed on start when their writer is gone; other files are left alone', async () => {
    const root = await tempRoot();
    const deadPid = (2 ** 22 + 12345).toString(36); // above Linux's pid_max: never alive
    const strays = [
      `.a.json.zx${deadPid}_0_0123abcd_0.tmp`,
      `sub/.zoryx-spare.zx${deadPid}_3_89abcdef_1z.tmp`,
    ];
    const keep = [
      'a.json',
      '.a.json.tmp',
      'notes.tmp',
      'sub/b.json',
      `.x.zx${process.ppid.toString(36)}_0_0123abcd_0.tmp`,
    ];
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(root, 'sub'));
    for (const f of [...strays, ...keep]) await writeFile(path.join(root, f), '1');
    const store = new AtomicStore({ root });
    await store.readJson('a.json', { cache: false }); // waits for start-up
    expect(store.stats().strayTempsRemoved).toBe(2);
    const left = [
      ...(await readdir(root)),
      ...(await readdir(path.join(root, 'sub'))).map((f) => `sub/${f}`),
    ];
    expect(left.sort()).toEqual(['sub', ...keep].sort());
    await store.close();
  });

  it('a second store on the same root leaves the first one’s live temp files alone', async () => {
    const root = await tempRoot();
    const first = new AtomicStore({ root });
    await first.writeJson('a.json', 1); // leaves a spare temp file prepared
    const before = await readdir(root);
    expect(before.some((f) => f.endsWith('.tmp'))).toBe(true);
    const second = new AtomicStore({ root });
    await second.readJson('a.json', { cache: false });
    expect(second.stats().strayTempsRemoved).toBe(0);
    await first.writeJson('a.json', 2); // uses the spare: would fail if it had been deleted
    await Promise.all([first.close(), second.close()]);
    expect((await readdir(root)).sort()).toEqual(['a.json', 'a.json.bak']);
  });
});
