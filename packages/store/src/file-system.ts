import fs from 'node:fs';

/**
 * The file-system calls the store makes, as promises over raw file descriptors. The default
 * uses `node:fs` callbacks (cheaper per call than `fs/promises` `FileHandle`s, which matters at
 * thousands of fsync'd writes per second). Replaceable through `AtomicStoreOptions.fs` to run
 * the store on another implementation or to inject faults (our retry tests do: EBUSY/EPERM
 * cannot be provoked on Linux as root).
 */
export interface StoreFileSystem {
  open(path: string, flags: number, mode?: number): Promise<number>;
  write(fd: number, buffer: Uint8Array, offset: number, length: number): Promise<number>;
  fdatasync(fd: number): Promise<void>;
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Gives `existing` a second name (a hard link); fails with EEXIST when `newPath` exists. */
  link(existing: string, newPath: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  realpath(path: string): Promise<string>;
  /** The identity and type of `path` itself (a symlink is not followed). */
  lstat(path: string): Promise<FileIdentity>;
  /** The identity of an open file. */
  fstat(fd: number): Promise<FileIdentity>;
  readFile(path: string, flags: number): Promise<Buffer>;
  readdir(path: string): Promise<fs.Dirent[]>;
}

/**
 * What the store needs to know about a file: which one it is (`dev` + `ino`, the same for every
 * path and descriptor leading to it) and what it is. `fs.Stats` satisfies it.
 */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

// realpath(3) resolves a path in one call instead of one lstat per component (the JavaScript
// implementation); the store resolves a directory before every rename. Windows keeps the
// JavaScript one, which copes with more drive kinds (RAM disks, some network shares).
const realpathImpl = process.platform === 'win32' ? fs.realpath : fs.realpath.native;

function settle<T>(resolve: (v: T) => void, reject: (e: unknown) => void) {
  return (error: NodeJS.ErrnoException | null, value?: T) => {
    if (error) reject(error);
    else resolve(value as T);
  };
}

/** The real file system (`node:fs`). */
export const nodeFileSystem: StoreFileSystem = {
  open: (path, flags, mode = 0o666) =>
    new Promise((res, rej) => fs.open(path, flags, mode, settle(res, rej))),
  write: (fd, buffer, offset, length) =>
    new Promise((res, rej) =>
      fs.write(fd, buffer, offset, length, null, (error, written) =>
        error ? rej(error) : res(written),
      ),
    ),
  fdatasync: (fd) => new Promise((res, rej) => fs.fdatasync(fd, settle(res, rej))),
  fsync: (fd) => new Promise((res, rej) => fs.fsync(fd, settle(res, rej))),
  close: (fd) => new Promise((res, rej) => fs.close(fd, settle(res, rej))),
  rename: (from, to) => new Promise((res, rej) => fs.rename(from, to, settle(res, rej))),
  link: (existing, newPath) =>
    new Promise((res, rej) => fs.link(existing, newPath, settle(res, rej))),
  unlink: (path) => new Promise((res, rej) => fs.unlink(path, settle(res, rej))),
  mkdir: (path) =>
    new Promise((res, rej) =>
      fs.mkdir(path, { recursive: true }, (error) => (error ? rej(error) : res())),
    ),
  realpath: (path) => new Promise((res, rej) => realpathImpl(path, settle(res, rej))),
  lstat: (path) => new Promise((res, rej) => fs.lstat(path, settle(res, rej))),
  fstat: (fd) => new Promise((res, rej) => fs.fstat(fd, settle(res, rej))),
  // Node accepts numeric open(2) flags wherever it takes a flag string; @types/node lists strings.
  readFile: (path, flags) =>
    new Promise((res, rej) =>
      fs.readFile(path, { flag: flags as unknown as string }, settle(res, rej)),
    ),
  readdir: (path) =>
    new Promise((res, rej) => fs.readdir(path, { withFileTypes: true }, settle(res, rej))),
};
