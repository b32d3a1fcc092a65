/**
 * Stable codes of every error `@zoryx/db` throws or reports. Each is listed, with a hint, in
 * docs/errors/db.md.
 */
export type DbErrorCode =
  | 'ZRX_DB_GUILD_ID'
  | 'ZRX_DB_MIGRATION'
  | 'ZRX_DB_MIGRATION_ORDER'
  | 'ZRX_DB_INPUT'
  | 'ZRX_DB_CORRUPT'
  | 'ZRX_DB_RECOVERY'
  | 'ZRX_DB_OPEN'
  | 'ZRX_DB_BACKUP'
  | 'ZRX_DB_CLOSED';

/**
 * An error of the data layer: a stable `code`, a message naming what was wrong and where (the
 * guild id, the file path, the migration owner and name), and a `hint` with a concrete fix.
 * The underlying driver error, when there is one, is kept as `cause`.
 *
 * @example
 * ```ts
 * try { await db.guild('not-a-snowflake'); }
 * catch (error) { if (error instanceof DbError) console.log(error.code, error.hint); }
 * ```
 */
export class DbError extends Error {
  /** The stable error code, listed in docs/errors/db.md. */
  public readonly code: DbErrorCode;
  /** A concrete suggestion to fix the cause. */
  public readonly hint: string;

  public constructor(code: DbErrorCode, message: string, hint: string, options?: ErrorOptions) {
    super(`${message}\nHint: ${hint}`, options);
    this.name = 'DbError';
    this.code = code;
    this.hint = hint;
  }
}

/** Narrows an unknown thrown value to a {@link DbError}, optionally of one code. */
export function isDbError(error: unknown, code?: DbErrorCode): error is DbError {
  return error instanceof DbError && (code === undefined || error.code === code);
}
