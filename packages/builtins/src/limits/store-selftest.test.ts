import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicStore } from '@zoryx/store';
import { afterEach, describe, expect, it } from 'vitest';
import { storeFields } from './store-report.js';
import { runStoreSelfTest } from './store-selftest.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('runStoreSelfTest', () => {
  it('passes every step on a real store, counts the I/O, and removes its file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-atomic-'));
    dirs.push(dir);
    const store = new AtomicStore({ root: dir });
    const steps = await runStoreSelfTest(store, 'probe.json');
    expect(steps.map((s) => [s.name, s.ok])).toEqual([
      ['write', true],
      ['read (uncached)', true],
      ['read (cached)', true],
      ['10 concurrent writes', true],
      ['invalidate + read', true],
      ['cleanup', true],
    ]);
    expect(existsSync(join(dir, 'probe.json'))).toBe(false);
    const stats = store.stats();
    expect(stats.hits).toBeGreaterThan(0);
    const fields = storeFields(stats);
    expect(fields[0]).toMatchObject({ name: 'Health', value: '🟢 healthy' });
    expect(fields.find((f) => f.name === 'I/O')?.value).toMatch(/^\d+ reads · \d+ writes/);
    await store.close();
  });

  it('reports a failing step with its error and still cleans up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-atomic-'));
    dirs.push(dir);
    const store = new AtomicStore({ root: dir });
    const lossy = {
      writeJson: store.writeJson.bind(store),
      readJson: store.readJson.bind(store),
      invalidate: store.invalidate.bind(store),
      delete: store.delete.bind(store),
      // An update that loses every other increment, like an unlocked read-then-write would.
      update: async <T>(file: string, fn: (current: T | undefined) => T | Promise<T>) =>
        store.writeJson(
          file,
          await fn(await store.readJson<T>(file, { cache: false })),
        ) as Promise<never>,
    };
    const steps = await runStoreSelfTest(lossy, 'probe.json');
    const concurrent = steps.find((s) => s.name === '10 concurrent writes');
    expect(concurrent?.ok).toBe(false);
    expect(concurrent?.detail).toMatch(/^expected n=10, read /);
    expect(steps.at(-1)).toMatchObject({ name: 'cleanup', ok: true });
    await store.close();
  });
});
