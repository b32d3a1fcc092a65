/**
 * Every code the loader throws or reports. Each is documented, with a hint, in
 * `docs/errors/loader.md`.
 */
export type LoaderErrorCode =
  | 'ZRX_EXT_NOT_FOUND'
  | 'ZRX_EXT_DISCOVERY'
  | 'ZRX_EXT_DUPLICATE'
  | 'ZRX_EXT_BLACKLISTED'
  | 'ZRX_EXT_COMPILE'
  | 'ZRX_EXT_EVALUATE'
  | 'ZRX_EXT_INVALID_DEFINITION'
  | 'ZRX_EXT_NAME_MISMATCH'
  | 'ZRX_EXT_CONFIG_INVALID'
  | 'ZRX_EXT_RESOLVE'
  | 'ZRX_EXT_DEPENDENCY_FAILED'
  | 'ZRX_EXT_SETUP_FAILED'
  | 'ZRX_EXT_SETUP_TIMEOUT'
  | 'ZRX_EXT_TEARDOWN_FAILED'
  | 'ZRX_EXT_ALREADY_LOADED'
  | 'ZRX_EXT_NOT_LOADED'
  | 'ZRX_EXT_NOT_DISPOSABLE'
  | 'ZRX_EXT_RELOAD_FAILED'
  | 'ZRX_EXT_ROLLBACK_FAILED'
  | 'ZRX_EXT_SCOPE_CLOSED'
  | 'ZRX_EXT_INVALID_DURATION'
  | 'ZRX_EXT_INVALID_CRON'
  | 'ZRX_EXT_API_UNAVAILABLE'
  | 'ZRX_EXT_HOST_CLOSED'
  | 'ZRX_EXT_QUARANTINED'
  | 'ZRX_EXT_NOT_QUARANTINED';

/** What a {@link LoaderError} can be built from. */
export interface LoaderErrorInit {
  /** The extension the error is about, when there is one. */
  extension?: string;
  /** The underlying error (a syntax error, what setup threw, …). */
  cause?: unknown;
}

/**
 * The loader's only error class: a stable `code`, a message naming what was wrong and where, and
 * a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await host.load('economy'); } catch (error) {
 *   if (error instanceof LoaderError) console.error(error.code, error.message, error.hint);
 * }
 * ```
 */
export class LoaderError extends Error {
  override readonly name = 'LoaderError';
  /** Stable machine-readable code, `ZRX_EXT_*`. */
  readonly code: LoaderErrorCode;
  /** A concrete next step for the person who sees the error. */
  readonly hint: string;
  /** The extension the error is about, if any. */
  readonly extension: string | undefined;

  constructor(code: LoaderErrorCode, message: string, hint: string, init: LoaderErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.hint = hint;
    this.extension = init.extension;
  }
}

/** Renders anything that was thrown as one line, for logs, status and boot summaries. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}

/** How deep {@link zoryxCauseCode} follows `cause` links (a guard against cycles). */
const MAX_CAUSE_DEPTH = 8;

/**
 * The `ZRX_*` code of the deepest error in `error`'s cause chain that carries one, e.g. the
 * framework's `ZRX_PIECE_CONFLICT` behind a `ZRX_EXT_SETUP_FAILED`. A LoaderError's own code is
 * not counted (it is already `code`); any other error's own code is, since the loader only
 * classified it. `undefined` when no error in the chain has a string `ZRX_*` code.
 */
export function zoryxCauseCode(error: unknown): string | undefined {
  let found: string | undefined;
  let current: unknown = error instanceof LoaderError ? error.cause : error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && isErrorLike(current); depth += 1) {
    if (typeof current.code === 'string' && current.code.startsWith('ZRX_')) found = current.code;
    current = current.cause;
  }
  return found;
}

/** The `hint` an error carries (Zoryx errors all have one), if it is a non-empty string. */
export function hintOf(error: unknown): string | undefined {
  return isErrorLike(error) && typeof error.hint === 'string' && error.hint !== ''
    ? error.hint
    : undefined;
}

function isErrorLike(value: unknown): value is { code?: unknown; hint?: unknown; cause?: unknown } {
  return typeof value === 'object' && value !== null;
}
