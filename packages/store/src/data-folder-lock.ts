import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describeCause, type LockHolder, osErrorCode, StoreError } from './errors.js';

/** The lock file's default name inside the data folder. */
export const DATA_FOLDER_LOCK_FILE = '.zoryx.lock';

/** Options of {@link lockDataFolder}. */
export interface LockDataFolderOptions {
  /** Name of the lock file inside the folder. Default `.zoryx.lock`. */
  fileName?: string;
}

/** A held data-folder lock, from {@link lockDataFolder}. */
export interface DataFolderLock {
  /** Absolute path of the lock file. */
  readonly path: string;
  /** This process, as written in the lock file. */
  readonly holder: LockHolder;
  /** Removes the lock file if it is still this process's. Safe to call more than once. */
  release(): Promise<void>;
}

/** What the lock file holds (JSON). */
interface LockRecord extends LockHolder {
  /** Random id of this acquisition: tells two holders with the same pid apart. */
  readonly nonce: string;
  /** Linux boot id: a lock from an earlier boot is stale whatever its pid. */
  readonly bootId?: string;
  /** Linux start time of the holder in clock ticks since boot: a reused pid shows another one. */
  readonly startTicks?: string;
}

/** A lock file as found: its record (if it parses) and what identifies this very file. */
interface Found {
  readonly record: LockRecord | undefined;
  readonly identity: string;
  readonly mtimeMs: number;
}

/** Acquisitions held by this process (lock files and takeover claims), by nonce. */
const held = new Set<string>();
/** Unparsable lock files younger than this may be a lock being written (no hard links). */
const JUNK_GRACE_MS = 10_000;
/** Nested takeovers (a taker that died while taking over…) followed at most. */
const MAX_DEPTH = 4;
const ATTEMPTS = 40;

/**
 * Makes sure only one process uses a data folder: creates `<dir>/.zoryx.lock` holding this
 * process's pid, host name and start time, or rejects with `ZRX_STORE_LOCKED` naming the process
 * that holds it (`error.holder`). The folder is created if missing. Release it on shutdown; an
 * exit handler also removes it when the process exits normally.
 *
 * A lock left by a process that is gone is taken over: one whose pid is not running on this
 * host, whose pid now belongs to a later process (Linux: another start time), or that was taken
 * before the machine's last reboot (Linux: another boot id). A lock of another host is never
 * taken over — there is no telling whether that process still runs.
 *
 * Atomic: the lock file appears complete or not at all (written aside, then hard-linked into
 * place, which fails if one exists), and a stale lock is replaced only by the process holding a
 * takeover claim named after that very lock, after re-reading that it is still the one found —
 * so of any number of processes racing for a stale lock, exactly one wins.
 *
 * @example
 * ```ts
 * const lock = await lockDataFolder('./data'); // ZRX_STORE_LOCKED if another bot runs on it
 * const store = new AtomicStore({ root: './data' });
 * // … on shutdown:
 * await store.close();
 * await lock.release();
 * ```
 */
export async function lockDataFolder(
  dir: string,
  options: LockDataFolderOptions = {},
): Promise<DataFolderLock> {
  const folder = path.resolve(dir);
  const lockPath = path.join(folder, options.fileName ?? DATA_FOLDER_LOCK_FILE);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw ioError(lockPath, 'create the data folder for', error);
  }
  const record = newRecord();
  held.add(record.nonce);
  try {
    await acquire(lockPath, record, 0);
  } catch (error) {
    held.delete(record.nonce);
    throw error;
  }
  await removeLeftovers(lockPath);
  const onExit = () => {
    try {
      if (parse(readFileSync(lockPath, 'utf8'))?.nonce === record.nonce) unlinkSync(lockPath);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', onExit);
  let released = false;
  return {
    path: lockPath,
    holder: { pid: record.pid, hostname: record.hostname, since: record.since },
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      try {
        const found = await read(lockPath);
        if (found?.record?.nonce === record.nonce) await unlink(lockPath).catch(() => undefined);
      } finally {
        held.delete(record.nonce); // only now may this process's record count as stale
      }
    },
  };
}

function newRecord(): LockRecord {
  const self = linuxIdentity(process.pid);
  return {
    pid: process.pid,
    hostname: hostname(),
    since: new Date().toISOString(),
    nonce: randomBytes(12).toString('hex'),
    ...self,
  };
}

/** Takes `lockPath` for `record`, taking a stale lock over; throws `ZRX_STORE_LOCKED`. */
async function acquire(lockPath: string, record: LockRecord, depth: number): Promise<void> {
  let last: Found | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await publish(lockPath, record)) return;
    const found = await read(lockPath);
    if (found === undefined) continue; // released meanwhile: try again
    last = found;
    if (!isStale(found) || depth >= MAX_DEPTH) throw lockedError(lockPath, found);
    // Only the holder of the claim named after this very lock may replace it.
    const claimPath = `${lockPath}.takeover-${found.identity}`;
    const claim = { ...record, nonce: `${record.nonce}-${depth + 1}` };
    held.add(claim.nonce);
    try {
      await acquire(claimPath, claim, depth + 1);
    } catch (error) {
      held.delete(claim.nonce);
      if (!(error instanceof StoreError && error.code === 'ZRX_STORE_LOCKED')) throw error;
      await pause(); // another process is taking it over: see what it made of it
      continue;
    }
    try {
      const again = await read(lockPath);
      if (again?.identity === found.identity) {
        await replace(lockPath, record);
        return;
      }
    } finally {
      // Unlink before forgetting it: until then this process's own claim must not look stale.
      await unlink(claimPath).catch(() => undefined);
      held.delete(claim.nonce);
    }
  }
  throw lockedError(lockPath, last);
}

/** Whether the process named in a lock is certainly gone. */
function isStale(found: Found): boolean {
  const record = found.record;
  if (record === undefined) return Date.now() - found.mtimeMs > JUNK_GRACE_MS;
  if (record.hostname !== hostname()) return false;
  if (record.pid === process.pid) return !held.has(record.nonce);
  if (!processAlive(record.pid)) return true;
  const now = linuxIdentity(record.pid);
  if (record.bootId !== undefined && now.bootId !== undefined && record.bootId !== now.bootId) {
    return true;
  }
  return (
    record.startTicks !== undefined &&
    now.startTicks !== undefined &&
    record.startTicks !== now.startTicks
  );
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return osErrorCode(error) === 'EPERM';
  }
}

/** Boot id and a process's start time in ticks since boot (Linux; empty elsewhere). */
function linuxIdentity(pid: number): { bootId?: string; startTicks?: string } {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); starttime is 22nd.
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return startTicks === undefined ? { bootId } : { bootId, startTicks };
  } catch {
    return {};
  }
}

/** Creates `lockPath` holding `record` unless it exists; returns whether it did. */
async function publish(lockPath: string, record: LockRecord): Promise<boolean> {
  const candidate = await writeCandidate(lockPath, record);
  try {
    await link(candidate, lockPath);
    return true;
  } catch (error) {
    const code = osErrorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') {
      throw ioError(lockPath, 'create', error);
    }
    return await publishWithoutLinks(lockPath, record);
  } finally {
    await unlink(candidate).catch(() => undefined);
  }
}

/** For file systems without hard links: exclusive create, then write (readers allow for it). */
async function publishWithoutLinks(lockPath: string, record: LockRecord): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if (osErrorCode(error) === 'EEXIST') return false;
    throw ioError(lockPath, 'create', error);
  }
  try {
    await handle.writeFile(`${JSON.stringify(record)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Atomically replaces `lockPath` (a stale lock this process holds the claim for). */
async function replace(lockPath: string, record: LockRecord): Promise<void> {
  const candidate = await writeCandidate(lockPath, record);
  try {
    await rename(candidate, lockPath);
  } catch (error) {
    await unlink(candidate).catch(() => undefined);
    throw ioError(lockPath, 'take over', error);
  }
}

async function writeCandidate(lockPath: string, record: LockRecord): Promise<string> {
  const candidate = `${lockPath}.cand-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    const handle = await open(candidate, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(record)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(candidate).catch(() => undefined);
    throw ioError(lockPath, 'write', error);
  }
  return candidate;
}

/** Reads a lock (or claim) file; `undefined` when there is none. */
async function read(lockPath: string): Promise<Found | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    const record = parse(text);
    // A parsable lock is identified by its nonce; anything else by which file it is and what it holds.
    const identity =
      record?.nonce ??
      `x${info.ino.toString(36)}${Buffer.from(text).toString('base64url').slice(0, 16)}`;
    return { record, identity: identity.replace(/[^\w-]/g, ''), mtimeMs: info.mtimeMs };
  } catch (error) {
    if (osErrorCode(error) === 'ENOENT') return undefined;
    throw ioError(lockPath, 'read', error);
  }
}

function parse(text: string): LockRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (
      typeof value?.pid === 'number' &&
      typeof value.hostname === 'string' &&
      typeof value.since === 'string' &&
      typeof value.nonce === 'string'
    ) {
      return value as LockRecord;
    }
  } catch {
    // Not a lock record.
  }
  return undefined;
}

/** Removes takeover claims and candidates that crashed processes left next to the lock. */
async function removeLeftovers(lockPath: string): Promise<void> {
  const base = path.basename(lockPath);
  const names = await readdir(path.dirname(lockPath)).catch(() => [] as string[]);
  for (const name of names) {
    const full = path.join(path.dirname(lockPath), name);
    if (name.startsWith(`${base}.cand-`)) {
      const pid = Number(name.slice(base.length + 6).split('-')[0]);
      if (pid !== process.pid && !processAlive(pid)) await unlink(full).catch(() => undefined);
    } else if (name.startsWith(`${base}.takeover-`)) {
      const found = await read(full).catch(() => undefined);
      if (found !== undefined && isStale(found)) await unlink(full).catch(() => undefined);
    }
  }
}

function lockedError(lockPath: string, found: Found | undefined): StoreError {
  const record = found?.record;
  const holder: LockHolder = record
    ? { pid: record.pid, hostname: record.hostname, since: record.since }
    : { pid: 0, hostname: '(unknown)', since: new Date(found?.mtimeMs ?? 0).toISOString() };
  const who = record
    ? `process ${holder.pid} on ${holder.hostname} (since ${holder.since})`
    : `an unreadable lock written at ${holder.since}`;
  return new StoreError(
    'ZRX_STORE_LOCKED',
    `Data folder "${path.dirname(lockPath)}" is in use by ${who}; lock file "${lockPath}".`,
    `Stop that process first: two processes on one data folder overwrite each other's state. If it no longer runs (another machine or container that is gone), delete "${lockPath}".`,
    { file: path.basename(lockPath), holder },
  );
}

function ioError(lockPath: string, what: string, cause: unknown): StoreError {
  return new StoreError(
    'ZRX_STORE_WRITE',
    `Could not ${what} the data folder lock "${lockPath}": ${describeCause(cause)}`,
    'Check that the data folder is on a local, writable disk and that the bot user may write it.',
    { file: path.basename(lockPath), cause },
  );
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
}
