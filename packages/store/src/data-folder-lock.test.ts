import { readFileSync } from 'node:fs';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRoot } from '../test/temp-root.js';
import { lockDataFolder } from './data-folder-lock.js';
import type { StoreError } from './errors.js';

const LINUX = process.platform === 'linux';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: StoreError) => e,
  );

/** Writes a lock file as some other process would have. */
async function plant(dir: string, fields: Record<string, unknown>): Promise<string> {
  const file = path.join(dir, '.zoryx.lock');
  const record = {
    pid: process.ppid,
    hostname: hostname(),
    since: '2020-01-01T00:00:00.000Z',
    nonce: 'planted0000',
    ...fields,
  };
  await writeFile(file, JSON.stringify(record));
  return file;
}

/** `/proc/<pid>/stat`'s start time, as the lock records it. */
function startTicks(pid: number): string | undefined {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

describe('lockDataFolder in one process', () => {
  it('writes pid, host and start time; a second lock is refused naming the holder; release frees it', async () => {
    const dir = path.join(await tempRoot(), 'data'); // created if missing
    const lock = await lockDataFolder(dir);
    expect(lock.path).toBe(path.join(dir, '.zoryx.lock'));
    const record = JSON.parse(await readFile(lock.path, 'utf8'));
    expect(record).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      since: lock.holder.since,
    });
    expect(Date.parse(record.since)).toBeGreaterThan(Date.now() - 60_000);
    const error = await rejection(lockDataFolder(dir));
    expect(error.code).toBe('ZRX_STORE_LOCKED');
    expect(error.holder).toEqual(lock.holder);
    expect(error.message).toContain(`process ${process.pid} on ${hostname()}`);
    expect(error.message).toContain(lock.holder.since);
    expect(error.hint).toContain(lock.path);
    await lock.release();
    await lock.release(); // idempotent
    expect(await readdir(dir)).toEqual([]);
    const again = await lockDataFolder(dir);
    await again.release();
  });

  it('concurrent calls in one process: exactly one wins', async () => {
    const dir = await tempRoot();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataFolder(dir)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as StoreError).code).toBe('ZRX_STORE_LOCKED');
    }
    if (won[0]?.status === 'fulfilled') await won[0].value.release();
  });

  it('takes over the lock of a pid that is not running', async () => {
    const dir = await tempRoot();
    await plant(dir, { pid: 2 ** 22 + 12345 }); // above Linux's pid_max: never alive
    const lock = await lockDataFolder(dir);
    expect(JSON.parse(await readFile(lock.path, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('concurrent takeovers of a stale lock in one process: exactly one wins, no claim left', async () => {
    for (let round = 0; round < 10; round++) {
      const dir = await tempRoot();
      await plant(dir, { pid: 2 ** 22 + 12345 });
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => lockDataFolder(dir)),
      );
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(won).toHaveLength(1);
      expect(JSON.parse(await readFile(path.join(dir, '.zoryx.lock'), 'utf8')).since).toBe(
        won[0]?.holder.since,
      );
      expect(await readdir(dir)).toEqual(['.zoryx.lock']);
      await won[0]?.release();
    }
  });

  it('takes over a lock naming this very pid that this process does not hold (a restarted container)', async () => {
    const dir = await tempRoot();
    await plant(dir, { pid: process.pid });
    const lock = await lockDataFolder(dir);
    expect(JSON.parse(await readFile(lock.path, 'utf8')).nonce).not.toBe('planted0000');
    await lock.release();
  });

  it('never takes over the lock of another host', async () => {
    const dir = await tempRoot();
    const file = await plant(dir, { hostname: 'some-other-host' });
    const error = await rejection(lockDataFolder(dir));
    expect(error.code).toBe('ZRX_STORE_LOCKED');
    expect(error.holder).toEqual({
      pid: process.ppid,
      hostname: 'some-other-host',
      since: '2020-01-01T00:00:00.000Z',
    });
    expect(error.hint).toContain(`delete "${file}"`);
  });

  it('an unreadable lock file is taken over once it is old, refused while it is fresh', async () => {
    const dir = await tempRoot();
    const file = path.join(dir, '.zoryx.lock');
    await writeFile(file, 'garbage');
    const error = await rejection(lockDataFolder(dir));
    expect(error.code).toBe('ZRX_STORE_LOCKED');
    expect(error.holder?.pid).toBe(0);
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    const lock = await lockDataFolder(dir);
    await lock.release();
  });

  it.runIf(LINUX)(
    'Linux: a live pid is the holder only with the recorded start time and boot',
    async () => {
      const dir = await tempRoot();
      const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
      // The parent process is alive; with its own start time it holds the lock.
      await plant(dir, { bootId, startTicks: startTicks(process.ppid) });
      expect((await rejection(lockDataFolder(dir))).holder?.pid).toBe(process.ppid);
      // Its pid, but another start time: the pid was reused, the holder is gone.
      await plant(dir, { bootId, startTicks: '1' });
      const reused = await lockDataFolder(dir);
      await reused.release();
      // Taken before the last reboot: gone, whatever runs under that pid now.
      await plant(dir, { bootId: 'an-earlier-boot', startTicks: startTicks(process.ppid) });
      const rebooted = await lockDataFolder(dir);
      expect(await readdir(dir)).toEqual(['.zoryx.lock']); // no claim or candidate left behind
      await rebooted.release();
    },
  );
});
