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
}

/**
 * Everything the store keeps per directory: whether it was checked to lie inside the root, its
 * descriptor for fsync, a group commit for directory fsyncs, and one spare temp file.
 *
 * Group commit: renames that finish while a directory fsync is running wait for the *next*
 * fsync (the running one may have started before their rename), and all of them share it.
 *
 * Spare temp file: creating a file is a metadata operation that costs about as much as the
 * data write. The next temp file is created while the current write's rename and directory
 * fsync run, so a sequential writer finds it ready. An unused spare is removed on close, or as
 * a stray temp on the next start after a crash.
 */
export class DirectoryHandle {
  readonly dir: string;
  readonly #fs: StoreFileSystem;
  readonly #root: string;
  readonly #durable: boolean;
  #verified = false;
  #dirFd: Promise<number | null> | null = null;
  #syncRunning: Promise<void> | null = null;
  #syncQueued: Promise<void> | null = null;
  #spare: Promise<OpenTemp | null> | null = null;
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

  /** Forgets the verification (the directory vanished under us). */
  forget(): void {
    this.#verified = false;
  }

  /** Opens a new temp file for `base` in this directory. */
  async openTemp(namer: TempNamer, base: string): Promise<OpenTemp> {
    const tempPath = namer.next(this.dir, base);
    const fd = await this.#fs.open(tempPath, this.tempFlags);
    return { fd, path: tempPath };
  }

  /** Takes the spare temp file if one is (being) prepared. */
  takeSpare(): Promise<OpenTemp | null> | null {
    const spare = this.#spare;
    this.#spare = null;
    return spare;
  }

  /** Starts creating a spare temp file unless one exists. Failures just mean no spare. */
  prepareSpare(namer: TempNamer): void {
    if (this.#spare !== null || this.#closed) return;
    this.#spare = this.openTemp(namer, 'zoryx-spare').catch(() => null);
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

  /** Closes the directory descriptor and removes the unused spare temp file. */
  async close(): Promise<void> {
    this.#closed = true;
    const spare = await this.takeSpare();
    if (spare !== null) {
      await this.#fs.close(spare.fd).catch(() => undefined);
      await this.#fs.unlink(spare.path).catch(() => undefined);
    }
    await this.#syncQueued?.catch(() => undefined);
    await this.#syncRunning?.catch(() => undefined);
    const fd = await this.#dirFd?.catch(() => null);
    this.#dirFd = null;
    if (fd !== null && fd !== undefined) await this.#fs.close(fd).catch(() => undefined);
  }
}
