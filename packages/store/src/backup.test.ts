import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRoot } from '../test/temp-root.js';
import { AtomicStore } from './atomic-store.js';
import type { StoreError } from './errors.js';
import type { StoreCorruptEvent } from './types.js';

const ENFORCEMENT = 'framework/enforcement.json';
const STAMP = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
const ASIDE = `${ENFORCEMENT}.corrupt-2026-01-02T03-04-05-006Z`;

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: StoreError) => e,
  );

/** A store that records what it reports through onCorrupt. */
function storeWithEvents(root: string, extra: { backups?: boolean } = {}) {
  const events: StoreCorruptEvent[] = [];
  const store = new AtomicStore({
    root,
    now: () => STAMP,
    onCorrupt: (event) => events.push(event),
    ...extra,
  });
  return { store, events };
}

describe('last-good copies', () => {
  it('every write, update and delete keeps <file>.bak equal to the file', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    const file = path.join(root, 'g/1.json');
    await store.writeJson('g/1.json', { a: 1 });
    expect(await readFile(`${file}.bak`, 'utf8')).toBe(await readFile(file, 'utf8'));
    await store.update<{ a: number }>('g/1.json', (v) => ({ a: (v?.a ?? 0) + 1 }));
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('{\n  "a": 2\n}\n');
    expect(await readFile(file, 'utf8')).toBe('{\n  "a": 2\n}\n');
    // Separate files: the copy is not a hard link, so damage to one cannot reach the other.
    expect((await stat(`${file}.bak`)).ino).not.toBe((await stat(file)).ino);
    expect(await store.delete('g/1.json')).toBe(true);
    await store.close(); // and its spare temp files with it
    expect(await readdir(path.join(root, 'g'))).toEqual([]);
  });

  it('backups: false writes no copies', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root, backups: false });
    await store.writeJson('a.json', 1);
    await store.close();
    expect(await readdir(root)).toEqual(['a.json']);
  });

  it('refuses to write, update or delete a .bak name; reading one is allowed', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    await store.writeJson('a.json', { ok: true });
    for (const call of [
      () => store.writeJson('a.json.bak', 1),
      () => store.update('a.json.bak', () => 1),
      () => store.delete('a.json.bak'),
    ]) {
      expect((await rejection(call())).code).toBe('ZRX_STORE_PATH');
    }
    expect(await store.readJson('a.json.bak')).toEqual({ ok: true });
    await store.close();
  });
});

describe('a torn file falls back to its last good copy', () => {
  it('enforcement.json torn: the owner’s setting comes back, the torn bytes are kept, the hook fires', async () => {
    const root = await tempRoot();
    // The owner switches dependency enforcement off (what setEnforcement does).
    const first = new AtomicStore({ root });
    await first.update<{ dependencies?: boolean }>(ENFORCEMENT, (v) => ({
      ...v,
      dependencies: false,
    }));
    await first.close();
    // Another program tears the file in place: a prefix of the content, no closing brace.
    const file = path.join(root, ENFORCEMENT);
    const whole = await readFile(file, 'utf8');
    const torn = whole.slice(0, 10);
    await writeFile(file, torn);

    // Next start: the value is the owner's, not a silent reset to the default.
    const { store, events } = storeWithEvents(root);
    expect(await store.readJson(ENFORCEMENT)).toEqual({ dependencies: false });
    expect(await readFile(file, 'utf8')).toBe(whole); // restored on disk
    expect(await readFile(path.join(root, ASIDE), 'utf8')).toBe(torn); // kept, not deleted
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      file: ENFORCEMENT,
      path: file,
      movedTo: ASIDE,
      restoredFrom: `${ENFORCEMENT}.bak`,
      error: { code: 'ZRX_STORE_RECOVERED', file: ENFORCEMENT },
    });
    expect(events[0]?.error.message).toContain(ASIDE);
    expect(store.stats()).toMatchObject({ corruptFiles: 1, recoveredFiles: 1 });
    await store.close();

    // And the start after that reads it without any fuss.
    const { store: third, events: quiet } = storeWithEvents(root);
    expect(await third.readJson(ENFORCEMENT)).toEqual({ dependencies: false });
    expect(quiet).toEqual([]);
    await third.close();
  });

  it('update builds on the last good value rather than rejecting or starting over', async () => {
    const root = await tempRoot();
    const first = new AtomicStore({ root });
    await first.writeJson('n.json', 41);
    await first.close();
    await writeFile(path.join(root, 'n.json'), '{"trunc');
    const { store, events } = storeWithEvents(root);
    expect(await store.update<number>('n.json', (n) => (n ?? 0) + 1)).toBe(42);
    expect(events.map((e) => e.error.code)).toEqual(['ZRX_STORE_RECOVERED']);
    expect(await readFile(path.join(root, 'n.json'), 'utf8')).toBe('42\n');
    expect(await readFile(path.join(root, 'n.json.bak'), 'utf8')).toBe('42\n');
    await store.close();
  });

  it('the copy corrupt too: ZRX_STORE_CORRUPT, both kept aside, the hook says nothing was restored', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'x.json'), '{"a":');
    await writeFile(path.join(root, 'x.json.bak'), '');
    const { store, events } = storeWithEvents(root);
    const error = await rejection(store.readJson('x.json'));
    expect(error.code).toBe('ZRX_STORE_CORRUPT');
    expect(error.message).toContain('x.json.bak.corrupt-');
    expect(events).toMatchObject([{ file: 'x.json', restoredFrom: undefined, error }]);
    expect((await readdir(root)).sort()).toEqual([
      'x.json.bak.corrupt-2026-01-02T03-04-05-006Z',
      'x.json.corrupt-2026-01-02T03-04-05-006Z',
    ]);
    expect(await store.readJson('x.json')).toBeUndefined();
    await store.close();
  });

  it('without onCorrupt a restored file is reported as a process warning', async () => {
    const root = await tempRoot();
    await mkdir(path.join(root, 'd'));
    await writeFile(path.join(root, 'd/w.json'), 'nope');
    await writeFile(path.join(root, 'd/w.json.bak'), '"good"\n');
    const warnings: Error[] = [];
    const listen = (warning: Error) => warnings.push(warning);
    // Node's own listener would print the warning into the test output; only the emission is
    // under test, so it is set aside for this test and put back after.
    const printers = process.listeners('warning');
    for (const printer of printers) process.off('warning', printer);
    process.on('warning', listen);
    try {
      const store = new AtomicStore({ root });
      expect(await store.readJson('d/w.json')).toBe('good');
      await store.close();
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on next tick
    } finally {
      process.off('warning', listen);
      for (const printer of printers) process.on('warning', printer);
    }
    expect(warnings).toMatchObject([{ code: 'ZRX_STORE_RECOVERED' }]);
  });

  it('a throwing hook does not fail the read', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'h.json'), '[');
    await writeFile(path.join(root, 'h.json.bak'), '[1]');
    const store = new AtomicStore({
      root,
      onCorrupt: () => {
        throw new Error('alerting is down');
      },
    });
    expect(await store.readJson('h.json', { cache: false })).toEqual([1]);
    await store.close();
  });

  it('backups: false behaves as before: the read rejects, the hook is told', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'b.json'), '{');
    await writeFile(path.join(root, 'b.json.bak'), '{"ignored":true}');
    const { store, events } = storeWithEvents(root, { backups: false });
    expect((await rejection(store.readJson('b.json'))).code).toBe('ZRX_STORE_CORRUPT');
    expect(events).toMatchObject([{ restoredFrom: undefined }]);
    await store.close();
  });
});
