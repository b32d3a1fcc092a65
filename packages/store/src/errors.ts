/** Every code a {@link StoreError} can carry. Listed with hints in `docs/errors/store.md`. */
export type StoreErrorCode =
  | 'ZRX_STORE_OPTIONS'
  | 'ZRX_STORE_PATH'
  | 'ZRX_STORE_READ'
  | 'ZRX_STORE_WRITE'
  | 'ZRX_STORE_DELETE'
  | 'ZRX_STORE_CORRUPT'
  | 'ZRX_STORE_RECOVERED'
  | 'ZRX_STORE_LOCKED'
  | 'ZRX_STORE_SERIALIZE'
  | 'ZRX_STORE_SCHEMA'
  | 'ZRX_STORE_CLOSED';

/** Who holds a data folder's lock (see `lockDataFolder`). */
export interface LockHolder {
  /** Process id of the holder, on `hostname`. */
  readonly pid: number;
  /** Host name of the machine (or container) the holder runs on. */
  readonly hostname: string;
  /** When the holder took the lock (ISO 8601). */
  readonly since: string;
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

  constructor(
    code: StoreErrorCode,
    message: string,
    hint: string,
    options: { file?: string; cause?: unknown; holder?: LockHolder } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.hint = hint;
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
