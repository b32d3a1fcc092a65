/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Every code a {@link StoreError} can carry, with when it is reported and its default hint.
 * `ZRX_STORE_RECOVERED` is a warning (passed to `onCorrupt`), not a failure.
 *
 * @remarks The single source of these codes: {@link StoreErrorCode} is derived from its keys, a
 * {@link StoreError} without its own hint takes the one here, and docs/errors.md is generated from
 * it (`node scripts/errors-doc.mjs`).
 */
export const storeErrorCatalogue = {
  ZRX_STORE_OPTIONS: {
    meaning:
      '`new AtomicStore(options)` got an invalid option (empty `root`, negative or non-integer `cacheSize`/`ttlMs`/`retries`/`retryDelayMs`/`indent`, a non-boolean `fsync`…), or the root directory cannot be created/opened (reported by the first operation)',
    hint: 'Pass the value the message asks for, or leave the option out for its default; point `root` at a writable directory.',
  },
  ZRX_STORE_PATH: {
    meaning:
      "a store path is empty, absolute (`/x`, `C:\\x`, `\\\\server\\x`), escapes the root (`../x`), names a directory, contains a NUL byte, or resolves through a symlink to outside the root (`file` names it); writing, updating or deleting a `*.bak` name (the store's last-good copies); or a directory was replaced by a symlink or moved while a write used it (nothing was written)",
    hint: 'Pass a path relative to the store root without `..`, e.g. `guilds/123.json`; remove symlinks that lead outside the root.',
  },
  ZRX_STORE_READ: {
    meaning:
      'reading a file failed after all retries (permissions, I/O error); `osCode` holds the OS code',
    hint: 'Check that the bot user may read the store root and that the disk is healthy.',
  },
  ZRX_STORE_WRITE: {
    meaning:
      'writing a file (temp file, data sync, rename or directory fsync), moving a corrupt file aside, or creating/reading the data-folder lock failed after all retries; the previous content of the file is unchanged; `osCode` holds the OS code',
    hint: 'Free disk space (`ENOSPC`), fix permissions (`EACCES`/`EPERM`), or close the program holding the file open (antivirus, editor), then write again.',
  },
  ZRX_STORE_DELETE: {
    meaning: 'deleting a file failed after all retries',
    hint: "Check permissions on the file's directory and that no other program holds the file open.",
  },
  ZRX_STORE_CORRUPT: {
    meaning:
      'a file is not valid JSON (torn by another program, truncated, empty) and has no usable last-good copy (`backups: false`, written before copies existed, or the `.bak` is damaged too and was moved aside as well); its bytes were moved to `<file>.corrupt-<timestamp>` and the file now counts as missing. Also passed to `onCorrupt`',
    hint: 'Inspect the `.corrupt-…` copy named in the message and restore what you need with `writeJson`.',
  },
  ZRX_STORE_RECOVERED: {
    meaning:
      'a warning, not a failure (passed to `onCorrupt`, or emitted as a process warning): a file was not valid JSON and was restored from its last-good copy `<file>.bak`; the damaged bytes were kept as `<file>.corrupt-<timestamp>`; the read succeeded with the last acknowledged value',
    hint: 'Nothing was lost. Inspect the `.corrupt-…` file to find what damaged the original (another program writing it, a disk fault), then delete it.',
  },
  ZRX_STORE_SERIALIZE: {
    meaning:
      '`writeJson` data or an `update` result cannot be serialised as JSON (BigInt, cycles, a bare `undefined`/function)',
    hint: 'Pass plain JSON data; use `delete()` to remove a file.',
  },
  ZRX_STORE_SCHEMA: {
    meaning:
      '`readJson(path, { schema })` read a value the schema rejects; the message names the file and the failing path (e.g. `guilds[1].prefix`)',
    hint: 'Fix the value at that path in the file, or migrate old data before validating it.',
  },
  ZRX_STORE_LOCKED: {
    meaning:
      '`lockDataFolder(dir)` found the folder locked by a running process (`error.holder`: `pid`, `hostname`, `since`), by a process on another host, or by an unreadable lock file younger than 10 s',
    hint: "Stop the other process first (two processes on one data folder overwrite each other's state); if it no longer runs (another machine or container that is gone), delete the lock file named in the message.",
  },
  ZRX_STORE_CLOSED: {
    meaning: 'a method was called after `close()`',
    hint: 'Create a new `AtomicStore`, or call `close()` only when the bot shuts down.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every code a {@link StoreError} can carry: the keys of {@link storeErrorCatalogue}. */
export type StoreErrorCode = keyof typeof storeErrorCatalogue;

/** Who holds a data folder's lock (see `lockDataFolder`). */
export interface LockHolder {
  /** Process id of the holder, on `hostname`. */
  readonly pid: number;
  /** Host name of the machine (or container) the holder runs on. */
  readonly hostname: string;
  /** When the holder took the lock (ISO 8601). */
  readonly since: string;
}

/** What else a {@link StoreError} can carry. */
export interface StoreErrorOptions {
  /** The store-relative path the operation was about. */
  file?: string;
  /** The underlying error (its OS code becomes `osCode`). */
  cause?: unknown;
  /** With `ZRX_STORE_LOCKED`: the process holding the lock. */
  holder?: LockHolder;
}

/**
 * The one error class of `@zoryx/store`. Errors are values: a stable `code`, a message that
 * names what was wrong and which file, and a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await store.readJson('config.json'); }
 * catch (e) { if (e instanceof StoreError && e.code === 'ZRX_STORE_CORRUPT') console.log(e.hint); }
 * ```
 */
export class StoreError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_STORE_CORRUPT`. */
  readonly code: StoreErrorCode;
  /** A concrete suggestion for fixing the problem. */
  readonly hint: string;
  /** The store-relative path the operation was about (as normalised), when there is one. */
  readonly file: string | undefined;
  /** The OS error code behind an I/O failure (`EACCES`, `ENOSPC`…), when there is one. */
  readonly osCode: string | undefined;
  /** With `ZRX_STORE_LOCKED`: the process holding the lock. */
  readonly holder: LockHolder | undefined;

  /** Takes the catalogue's hint for `code`. */
  constructor(code: StoreErrorCode, message: string, options?: StoreErrorOptions);
  /** `hint` names a concrete fix for this case; `undefined` takes the catalogue's hint. */
  constructor(
    code: StoreErrorCode,
    message: string,
    hint: string | undefined,
    options?: StoreErrorOptions,
  );
  constructor(
    code: StoreErrorCode,
    message: string,
    hintOrOptions?: string | StoreErrorOptions,
    moreOptions: StoreErrorOptions = {},
  ) {
    const options = typeof hintOrOptions === 'object' ? hintOrOptions : moreOptions;
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.hint = typeof hintOrOptions === 'string' ? hintOrOptions : storeErrorCatalogue[code].hint;
    this.file = options.file;
    this.osCode = osErrorCode(options.cause);
    this.holder = options.holder;
  }
}

/** The `code` of a Node.js system error (`ENOENT`…), or `undefined` for anything else. */
export function osErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** One line describing a thrown value, for messages. */
export function describeCause(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
