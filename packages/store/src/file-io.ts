import { constants } from 'node:fs';
import path from 'node:path';
import { DirectoryHandle, type OpenTemp } from './directory.js';
import { describeCause, osErrorCode, StoreError } from './errors.js';
import type { StoreFileSystem } from './file-system.js';
import { type RetryPolicy, withRetry } from './retry.js';
import { isInside, pathError } from './store-path.js';
import type { TempNamer } from './temp-files.js';

const WINDOWS = process.platform === 'win32';
/** Suffix of a file's last-good copy: `guilds/1.json` → `guilds/1.json.bak`. */
export const BACKUP_SUFFIX = '.bak';
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);
/** Directory handles kept open at most (each holds a descriptor and maybe a spare temp file). */
const MAX_DIRECTORIES = 32;

/** Settings {@link FileIO} needs from the store. */
export interface FileIOOptions {
  readonly fs: StoreFileSystem;
  readonly root: string;
  readonly namer: TempNamer;
  readonly durable: boolean;
  /** Keep a last-good copy `<file>.bak` of every file written. */
  readonly backups: boolean;
  readonly retry: RetryPolicy;
  /** Records each I/O operation's outcome (for the health window). */
  readonly record: (failed: boolean) => void;
}

/**
 * The store's disk operations on store keys: crash-safe writes (temp file → data sync →
 * rename → directory fsync, with a last-good copy), reads that refuse symlinks leading out of
 * the root, deletes, and moving corrupt files aside. Every rename and unlink is preceded by a
 * re-check that the directory was not swapped ({@link DirectoryHandle.verify}). Callers
 * serialise per file; this class does not.
 */
export class FileIO {
  readonly #o: FileIOOptions;
  readonly #dirs = new Map<string, DirectoryHandle>();

  constructor(options: FileIOOptions) {
    this.#o = options;
  }

  /** The absolute path of a store key. */
  absolute(key: string): string {
    return path.join(this.#o.root, key);
  }

  /** Reads a file's text, or `undefined` when it does not exist. */
  async read(key: string): Promise<string | undefined> {
    const file = this.absolute(key);
    const dir = this.#acquire(path.dirname(file));
    try {
      if (!(await dir.ensure(false, key))) return undefined;
      // The directory check runs alongside the read (no added latency): bytes read through a
      // directory swapped for a symlink are refused rather than returned.
      const [bytes] = await Promise.all([
        withRetry(() => this.#readNoEscape(key, file), this.#o.retry),
        dir.verify(key).catch((error: unknown) => {
          if (osErrorCode(error) !== 'ENOENT') throw error; // removed: the file is missing
        }),
      ]);
      this.#o.record(false);
      return bytes?.toString('utf8');
    } catch (error) {
      throw this.#fail(error, 'ZRX_STORE_READ', key, 'read');
    } finally {
      this.#release(dir);
    }
  }

  async #readNoEscape(key: string, file: string): Promise<Buffer | undefined> {
    try {
      return await this.#o.fs.readFile(file, READ_FLAGS);
    } catch (error) {
      const code = osErrorCode(error);
      if (code === 'ENOENT') return undefined;
      if (code !== 'ELOOP') throw error;
    }
    // The file itself is a symlink: follow it only if it stays inside the root.
    let real: string;
    try {
      real = await this.#o.fs.realpath(file);
    } catch (error) {
      if (osErrorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    if (!isInside(this.#o.root, real)) {
      throw pathError(key, 'is a symlink to outside the store root');
    }
    return await this.#o.fs.readFile(real, constants.O_RDONLY);
  }

  /** Replaces a file's content atomically and (with `durable`) durably. */
  async write(key: string, text: string): Promise<void> {
    const file = this.absolute(key);
    const dir = this.#acquire(path.dirname(file));
    const data = Buffer.from(text, 'utf8');
    const attempt = () => this.#writeOnce(dir, key, file, data);
    try {
      try {
        await withRetry(attempt, this.#o.retry);
      } catch (error) {
        // The directory was removed behind our back (with a spare temp file in it): recreate it.
        if (osErrorCode(error) !== 'ENOENT') throw error;
        dir.forget();
        await withRetry(attempt, this.#o.retry);
      }
      this.#o.record(false);
    } catch (error) {
      throw this.#fail(error, 'ZRX_STORE_WRITE', key, 'write');
    } finally {
      this.#release(dir);
    }
  }

  /**
   * One write attempt. With backups the data goes into two temp files at once (the writes and
   * their syncs overlap), and the last-good copy is renamed into place _before_ the file: at
   * every moment `<file>.bak` holds the file's version or a newer one, so falling back to it
   * never goes back in time. One directory fsync then makes both renames durable.
   */
  async #writeOnce(dir: DirectoryHandle, key: string, file: string, data: Buffer): Promise<void> {
    await dir.ensure(true, key);
    const fs = this.#o.fs;
    const temps: OpenTemp[] = [];
    try {
      temps.push(await this.#openTemp(dir, key, file));
      if (this.#o.backups) temps.push(await this.#openTemp(dir, key, file));
      await Promise.all(temps.map((temp) => this.#fill(dir, temp, data)));
    } catch (error) {
      for (const temp of temps) await dir.discard(temp);
      throw error;
    }
    // The data is already durable (O_DSYNC or fdatasync), so closing can overlap the rename.
    // A close error at this point cannot lose data and is ignored.
    const closed = Promise.all(temps.map((temp) => fs.close(temp.fd).catch(() => undefined)));
    if (WINDOWS) await closed; // Windows cannot rename a file that is still open
    dir.prepareSpares(this.#o.namer, temps.length);
    const [main, copy] = temps as [OpenTemp, OpenTemp | undefined];
    try {
      await dir.verify(key, temps);
      if (copy !== undefined) await fs.rename(copy.path, `${file}${BACKUP_SUFFIX}`);
      await fs.rename(main.path, file);
    } catch (error) {
      await closed;
      for (const temp of temps) await dir.discard(temp, false); // those not renamed yet
      throw error;
    }
    if (this.#o.durable) await dir.sync();
    await closed;
  }

  async #openTemp(dir: DirectoryHandle, key: string, file: string): Promise<OpenTemp> {
    const spare = await dir.takeSpare();
    if (spare !== null) return spare;
    try {
      return await dir.openTemp(this.#o.namer, path.basename(file), key);
    } catch (error) {
      if (osErrorCode(error) !== 'ENOENT') throw error;
      dir.forget(); // the directory was removed under us: recreate it once
      await dir.ensure(true, key);
      return await dir.openTemp(this.#o.namer, path.basename(file), key);
    }
  }

  async #fill(dir: DirectoryHandle, temp: OpenTemp, data: Buffer): Promise<void> {
    const fs = this.#o.fs;
    for (let offset = 0; offset < data.length; ) {
      offset += await fs.write(temp.fd, data, offset, data.length - offset);
    }
    if (dir.needsDataSync) await fs.fdatasync(temp.fd);
  }

  /**
   * Deletes a file (and its last-good copy, first: a crash in between leaves the file, which
   * was not deleted yet, rather than a copy without its file) durably; returns whether it existed.
   */
  async remove(key: string): Promise<boolean> {
    const file = this.absolute(key);
    const dir = this.#acquire(path.dirname(file));
    const unlink = async (target: string) => {
      try {
        await this.#o.fs.unlink(target);
        return true;
      } catch (error) {
        if (osErrorCode(error) === 'ENOENT') return false;
        throw error;
      }
    };
    try {
      if (!(await dir.ensure(false, key))) return false;
      const existed = await withRetry(async () => {
        try {
          await dir.verify(key);
        } catch (error) {
          if (osErrorCode(error) === 'ENOENT') return false; // its directory is gone: so is it
          throw error;
        }
        const copy = await unlink(`${file}${BACKUP_SUFFIX}`);
        const removed = await unlink(file);
        if ((copy || removed) && this.#o.durable) await dir.sync();
        return removed;
      }, this.#o.retry);
      this.#o.record(false);
      return existed;
    } catch (error) {
      throw this.#fail(error, 'ZRX_STORE_DELETE', key, 'delete');
    } finally {
      this.#release(dir);
    }
  }

  /**
   * Moves a corrupt file aside to `<file>.corrupt-<timestamp>` (never overwriting an earlier
   * one); returns the new key. With `keep`, the file is given that second name by a hard link
   * instead, so it does not go missing before the caller replaces it (restoring its last good
   * copy); where hard links are not supported it is moved.
   */
  async quarantine(key: string, now: number, keep = false): Promise<string> {
    const stamp = new Date(now).toISOString().replaceAll(':', '-').replace('.', '-');
    const file = this.absolute(key);
    const dir = this.#acquire(path.dirname(file));
    try {
      for (let n = 0; ; n++) {
        const aside = n === 0 ? `${key}.corrupt-${stamp}` : `${key}.corrupt-${stamp}-${n}`;
        // Keep every corrupt copy: never overwrite an earlier one from the same millisecond.
        const taken = await this.read(aside).then(
          (text) => text !== undefined,
          () => true,
        );
        if (taken) continue;
        try {
          await withRetry(async () => {
            await dir.verify(key);
            if (keep) await this.#linkOrMove(file, this.absolute(aside));
            else await this.#o.fs.rename(file, this.absolute(aside));
          }, this.#o.retry);
        } catch (error) {
          if (osErrorCode(error) === 'EEXIST') continue; // taken since we looked
          throw error;
        }
        if (this.#o.durable) await dir.sync();
        return aside;
      }
    } catch (error) {
      throw this.#fail(error, 'ZRX_STORE_WRITE', key, 'move aside');
    } finally {
      this.#release(dir);
    }
  }

  async #linkOrMove(file: string, aside: string): Promise<void> {
    try {
      await this.#o.fs.link(file, aside);
    } catch (error) {
      const code = osErrorCode(error);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV')
        throw error;
      await this.#o.fs.rename(file, aside); // a file system without hard links (FAT…)
    }
  }

  /** Closes every directory handle (removing unused spare temp files). */
  async close(): Promise<void> {
    const dirs = [...this.#dirs.values()];
    this.#dirs.clear();
    await Promise.all(dirs.map((dir) => dir.close()));
  }

  #acquire(dirPath: string): DirectoryHandle {
    let dir = this.#dirs.get(dirPath);
    if (dir === undefined) {
      dir = new DirectoryHandle(this.#o.fs, this.#o.root, dirPath, this.#o.durable);
      this.#evictIdle();
    } else {
      this.#dirs.delete(dirPath); // re-insert below: most recently used last
    }
    this.#dirs.set(dirPath, dir);
    dir.users++;
    return dir;
  }

  #release(dir: DirectoryHandle): void {
    dir.users--;
  }

  #evictIdle(): void {
    for (const [key, dir] of this.#dirs) {
      if (this.#dirs.size < MAX_DIRECTORIES) return;
      if (dir.users > 0) continue;
      this.#dirs.delete(key);
      void dir.close();
    }
  }

  #fail(
    error: unknown,
    code: 'ZRX_STORE_READ' | 'ZRX_STORE_WRITE' | 'ZRX_STORE_DELETE',
    key: string,
    what: string,
  ): StoreError {
    if (error instanceof StoreError) return error; // path refusals are the caller's, not I/O failures
    this.#o.record(true);
    const os = osErrorCode(error);
    return new StoreError(
      code,
      `Could not ${what} store file "${key}" (${this.absolute(key)}): ${describeCause(error)}`,
      os === 'ENOSPC'
        ? 'Free disk space on the volume holding the store root.'
        : os === 'EACCES' || os === 'EPERM'
          ? 'Check that the bot user may write the store root, and that no other program (antivirus, editor) holds the file open.'
          : 'Check that the store root is on a local, writable disk; the previous content of the file is unchanged.',
      { file: key, cause: error },
    );
  }
}
