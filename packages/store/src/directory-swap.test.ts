import { mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRoot } from '../test/temp-root.js';
import { AtomicStore } from './atomic-store.js';
import type { StoreError } from './errors.js';
import { nodeFileSystem, type StoreFileSystem } from './file-system.js';

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: StoreError) => e.code,
  );

/** `<base>/root` (the store) and `<base>/victim` (a folder outside it holding `x.json`). */
async function layout() {
  const base = await tempRoot();
  const root = path.join(base, 'root');
  const victim = path.join(base, 'victim');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await mkdir(victim);
  await writeFile(path.join(victim, 'x.json'), '"victim"');
  return { base, root, victim, sub: path.join(root, 'sub') };
}

/**
 * The real file system; `trigger` runs once, from inside the store's own call named `on`, the
 * first time it is made for a file in `sub` after `arm()`.
 */
function swapping(on: 'write' | 'open', sub: string, trigger: () => Promise<void>) {
  let armed = false;
  let fired = false;
  const fire = async () => {
    if (!armed || fired) return;
    fired = true;
    await trigger();
  };
  const fs: StoreFileSystem = {
    ...nodeFileSystem,
    // After the data went into the temp file: the swap lands between the write and the rename.
    write: async (fd, buffer, offset, length) => {
      const written = await nodeFileSystem.write(fd, buffer, offset, length);
      if (on === 'write') await fire();
      return written;
    },
    // Before the temp file is created: it is created wherever the swapped path leads.
    open: async (file, flags, mode) => {
      if (on === 'open' && path.dirname(file) === sub) await fire();
      return nodeFileSystem.open(file, flags, mode);
    },
  };
  return { fs, arm: () => (armed = true), fired: () => fired };
}

describe('a directory swapped during a write cannot make the store write outside its root', () => {
  it('moved out and replaced by a symlink between the data write and the rename', async () => {
    const { base, root, sub } = await layout();
    const moved = path.join(base, 'moved-out');
    const seam = swapping('write', sub, async () => {
      await rename(sub, moved);
      await symlink(moved, sub);
    });
    const store = new AtomicStore({ root, fs: seam.fs });
    await store.writeJson('sub/x.json', 'v1');
    seam.arm();
    expect(await code(store.writeJson('sub/x.json', 'v2'))).toBe('ZRX_STORE_PATH');
    expect(seam.fired()).toBe(true);
    // Later writes are refused up front: the directory now leads outside.
    expect(await code(store.writeJson('sub/x.json', 'v3'))).toBe('ZRX_STORE_PATH');
    await store.close();
    // The folder outside holds what it held when it was moved: v1 and its copy, no v2, no temps.
    expect((await readdir(moved)).sort()).toEqual(['x.json', 'x.json.bak']);
    expect(await readFile(path.join(moved, 'x.json'), 'utf8')).toBe('"v1"\n');
    expect(await readFile(path.join(moved, 'x.json.bak'), 'utf8')).toBe('"v1"\n');
  });

  it('replaced by a symlink to another folder right before the temp file is created', async () => {
    const { root, victim, sub } = await layout();
    const seam = swapping('open', sub, async () => {
      await rename(sub, `${sub}-orig`);
      await symlink(victim, sub);
    });
    seam.arm();
    const store = new AtomicStore({ root, fs: seam.fs });
    expect(await code(store.writeJson('sub/x.json', 'mine'))).toBe('ZRX_STORE_PATH');
    expect(seam.fired()).toBe(true);
    await store.close();
    // The temp file created in the victim folder was removed before any data went into it.
    expect(await readdir(victim)).toEqual(['x.json']);
    expect(await readFile(path.join(victim, 'x.json'), 'utf8')).toBe('"victim"');
  });

  it('replaced by a symlink after it was verified: reads, updates and deletes are refused too', async () => {
    const { root, victim, sub } = await layout();
    const store = new AtomicStore({ root });
    await store.writeJson('sub/x.json', 'mine');
    await rename(sub, `${sub}-orig`);
    await symlink(victim, sub);
    expect(await code(store.readJson('sub/x.json', { cache: false }))).toBe('ZRX_STORE_PATH');
    expect(await code(store.delete('sub/x.json'))).toBe('ZRX_STORE_PATH');
    expect(await code(store.update('sub/x.json', () => 'changed'))).toBe('ZRX_STORE_PATH');
    expect(await code(store.writeJson('sub/x.json', 'changed'))).toBe('ZRX_STORE_PATH');
    await store.close();
    expect(await readdir(victim)).toEqual(['x.json']);
    expect(await readFile(path.join(victim, 'x.json'), 'utf8')).toBe('"victim"');
    expect(store.stats().failures).toBe(0); // refusals, not I/O failures
  });
});
