import { constants } from 'node:fs';
import path from 'node:path';
import { osErrorCode } from './errors.js';
import type { StoreFileSystem } from './file-system.js';
import { isInside, pathError } from './store-path.js';
import type { TempNamer } from './temp-files.js';

const WINDOWS = process.platform === 'win32';
/** O_DSYNC makes the data write itself durable: one call instead of write + fdatasync. */
const O_DSYNC = constants.O_DSYNC ?? 0;
const TEMP_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;

/** An open temp file waiting to be filled and renamed over its target. */
export interface OpenTemp {
  readonly fd: number;
  readonly path: string;
  /** Identity of the file created (from the descriptor), to re-find it by path before the rename. */
  readonly dev: number;
  readonly ino: number;
}

/**
 * Everything the store keeps per directory: whether it was checked to lie inside the root (and
 * its real path then), its descriptor for fsync, a group commit for directory fsyncs, and spare
 * temp files.
 *
 * Swaps: Node has no openat/renameat, so every call goes by path, and the directory (or one
 * above it) could be replaced by a symlink, or moved out of the root, after the first check.
 * {@link DirectoryHandle.verify} re-checks right before each rename/unlink and after each temp
 * file is created: the directory still resolves to the real path it had, and each temp file is
 * still reachable under its path as the very file we created. What remains is the time between
 * that check and the system call itself (see the README).
 *
 * Group commit: renames that finish while a directory fsync is running wait for the *next*
 * fsync (the running one may have started before their rename), and all of them share it.
 *
 * Spare temp files: creating a file is a metadata operation that costs about as much as the
 * data write. The next temp files (one per write, two with backups) are created while the
 * current write's rename and directory fsync run, so a sequential writer finds them ready.
 * Unused spares are removed on close, or as stray temps on the next start after a crash.
 */
export class DirectoryHandle {
  readonly dir: string;
  readonly #fs: StoreFileSystem;
  readonly #root: string;
  readonly #durable: boolean;
  #verified = false;
  /** The directory's real path when it was verified; it must still resolve there. */
  #real: string | null = null;
  #dirFd: Promise<number | null> | null = null;
  #syncRunning: Promise<void> | null = null;
  #syncQueued: Promise<void> | null = null;
  #spares: Array<Promise<OpenTemp | null>> = [];
  #closed = false;
  /** In-flight operations using this handle; it is never evicted while non-zero. */
  users = 0;

  constructor(fs: StoreFileSystem, root: string, dir: string, durable: boolean) {
    this.#fs = fs;
    this.#root = root;
    this.dir = dir;
    this.#durable = durable;
  }

  /** The flags every temp file is opened with. */
  get tempFlags(): number {
    return this.#durable ? TEMP_FLAGS | O_DSYNC : TEMP_FLAGS;
  }

  /** Whether writes still need an explicit fdatasync (no O_DSYNC on this platform). */
  get needsDataSync(): boolean {
    return this.#durable && O_DSYNC === 0;
  }

  /**
   * Checks that the directory resolves (through symlinks) inside the root; with `create`, makes
   * it. Returns whether it exists. Throws `ZRX_STORE_PATH` when a symlink leads outside.
   */
  async ensure(create: boolean, displayPath: string): Promise<boolean> {
    if (this.#verified) return true;
    let probe = this.dir;
    for (;;) {
      let real: string | undefined;
      try {
        real = await this.#fs.realpath(probe);
      } catch (error) {
        if (osErrorCode(error) !== 'ENOENT' || probe === this.#root) throw error;
      }
      if (real !== undefined) {
        if (!isInside(this.#root, real)) {
          throw pathError(displayPath, 'resolves through a symlink to outside the store root');
        }
        if (probe === this.dir) {
          this.#real = real;
          this.#verified = true;
          return true;
        }
        if (!create) return false;
        await this.#fs.mkdir(this.dir);
        probe = this.dir; // re-check what was created (a racing symlink would show here)
        continue;
      }
      probe = path.dirname(probe);
    }
  }

  /** Forgets the verification (the directory vanished or was replaced under us). */
  forget(): void {
    this.#verified = false;
    this.#real = null;
  }

  /**
   * Re-checks, right before a rename or unlink in this directory, that it still resolves to the
   * real path it was verified at (no component was replaced by a symlink, nothing was moved),
   * and that each temp file is still the file we created under its path. Throws
   * `ZRX_STORE_PATH` (and forgets the verification) otherwise; `key` names the file for it.
   */
  async verify(key: string, temps: readonly OpenTemp[] = []): Promise<void> {
    // Forgotten by a concurrent operation that found something wrong: check from scratch.
    if (this.#real === null && !(await this.ensure(false, key))) {
      throw Object.assign(new Error(`directory "${this.dir}" vanished`), { code: 'ENOENT' });
    }
    const expected = this.#real;
    const [real, ...found] = await Promise.all([
      this.#fs.realpath(this.dir).catch((error: unknown) => error as Error),
      ...temps.map((temp) => this.#fs.lstat(temp.path).catch(() => null)),
    ]);
    if (real instanceof Error) {
      // Gone rather than swapped: callers treat ENOENT as before (recreate, or "missing").
      this.forget();
      throw real;
    }
    const moved = real !== expected || !isInside(this.#root, real);
    const lost = temps.some((temp, i) => {
      const stat = found[i];
      return stat != null && (stat.dev !== temp.dev || stat.ino !== temp.ino);
    });
    const vanished = temps.find((_, i) => found[i] == null);
    if (!moved && !lost && vanished !== undefined) {
      // Deleted (with its directory, say): nothing was written anywhere; callers retry as for
      // any ENOENT, with a fresh temp file.
      this.forget();
      throw Object.assign(new Error(`temp file "${vanished.path}" vanished`), { code: 'ENOENT' });
    }
    if (!moved && !lost) return;
    this.forget();
    throw pathError(
      key,
      `was not written: its directory was replaced or moved while the store used it (it resolves to "${real}", verified as "${expected}")`,
    );
  }

  /**
   * Opens a new temp file for `base` in this directory and checks (see {@link verify}) that it
   * was created inside the root before any data goes into it. A temp file found to be elsewhere
   * is removed when it can still be reached as ours.
   */
  async openTemp(namer: TempNamer, base: string, key = base): Promise<OpenTemp> {
    const tempPath = namer.next(this.dir, base);
    const fd = await this.#fs.open(tempPath, this.tempFlags);
    let temp: OpenTemp | undefined;
    try {
      const { dev, ino } = await this.#fs.fstat(fd);
      temp = { fd, path: tempPath, dev, ino };
      await this.verify(key, [temp]);
      return temp;
    } catch (error) {
      if (temp === undefined) await this.#fs.close(fd).catch(() => undefined);
      else await this.discard(temp);
      throw error;
    }
  }

  /**
   * Closes a temp file (if still open) and unlinks it — but only if its path still leads to that
   * very file, so a swapped directory never makes the store delete someone else's file.
   */
  async discard(temp: OpenTemp, open = true): Promise<void> {
    if (open) await this.#fs.close(temp.fd).catch(() => undefined);
    const stat = await this.#fs.lstat(temp.path).catch(() => null);
    if (stat === null || stat.dev !== temp.dev || stat.ino !== temp.ino) return;
    await this.#fs.unlink(temp.path).catch(() => undefined);
  }

  /** Takes a spare temp file if one is (being) prepared. */
  takeSpare(): Promise<OpenTemp | null> | null {
    return this.#spares.shift() ?? null;
  }

  /** Starts creating spare temp files until `count` exist. Failures just mean no spare. */
  prepareSpares(namer: TempNamer, count: number): void {
    while (this.#spares.length < count && !this.#closed) {
      this.#spares.push(this.openTemp(namer, 'zoryx-spare').catch(() => null));
    }
  }

  /** Makes renames/unlinks done so far in this directory durable (shared by concurrent callers). */
  sync(): Promise<void> {
    if (WINDOWS) return Promise.resolve(); // directories cannot be fsync'd there; rename is journaled
    if (this.#syncRunning === null) return this.#startSync();
    if (this.#syncQueued === null) {
      this.#syncQueued = this.#syncRunning
        .catch(() => undefined)
        .then(() => {
          this.#syncQueued = null;
          return this.#startSync();
        });
    }
    return this.#syncQueued;
  }

  #startSync(): Promise<void> {
    const run = this.#fsyncDir().finally(() => {
      if (this.#syncRunning === run) this.#syncRunning = null;
    });
    this.#syncRunning = run;
    return run;
  }

  async #fsyncDir(): Promise<void> {
    this.#dirFd ??= this.#fs.open(this.dir, constants.O_RDONLY).catch((error) => {
      this.#dirFd = null;
      throw error;
    });
    const fd = await this.#dirFd;
    if (fd === null) return;
    try {
      await this.#fs.fsync(fd);
    } catch (error) {
      // Some file systems cannot fsync a directory; their renames are as durable as they get.
      const code = osErrorCode(error);
      if (code === 'EINVAL' || code === 'ENOTSUP' || code === 'EISDIR') {
        this.#dirFd = Promise.resolve(null);
        await this.#fs.close(fd).catch(() => undefined);
        return;
      }
      throw error;
    }
  }

  /** Closes the directory descriptor and removes the unused spare temp files. */
  async close(): Promise<void> {
    this.#closed = true;
    const spares = await Promise.all(this.#spares.splice(0));
    for (const spare of spares) if (spare !== null) await this.discard(spare);
    await this.#syncQueued?.catch(() => undefined);
    await this.#syncRunning?.catch(() => undefined);
    const fd = await this.#dirFd?.catch(() => null);
    this.#dirFd = null;
    if (fd !== null && fd !== undefined) await this.#fs.close(fd).catch(() => undefined);
  }
}
