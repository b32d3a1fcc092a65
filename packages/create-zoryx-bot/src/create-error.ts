/** Codes of {@link CreateError}; each is listed in `docs/errors/create-zoryx-bot.md`. */
export type CreateErrorCode =
  | 'ZRX_CREATE_USAGE'
  | 'ZRX_CREATE_NOT_INTERACTIVE'
  | 'ZRX_CREATE_CANCELLED'
  | 'ZRX_CREATE_INVALID_NAME'
  | 'ZRX_CREATE_DIR_NOT_EMPTY'
  | 'ZRX_CREATE_TARGET_NOT_DIR'
  | 'ZRX_CREATE_NO_TEMPLATES'
  | 'ZRX_CREATE_UNKNOWN_TEMPLATE'
  | 'ZRX_CREATE_TEMPLATE_INVALID'
  | 'ZRX_CREATE_PM_NOT_FOUND'
  | 'ZRX_CREATE_WRITE_FAILED'
  | 'ZRX_CREATE_INSTALL_FAILED';

/**
 * Every failure of `create-zoryx-bot`: a stable `code`, a message naming what was wrong and
 * where, and a `hint` with a concrete fix. The CLI prints all three and exits non-zero.
 */
export class CreateError extends Error {
  override readonly name = 'CreateError';
  /** Stable code, listed in `docs/errors/create-zoryx-bot.md`. */
  readonly code: CreateErrorCode;
  /** A concrete fix. */
  readonly hint: string;

  constructor(code: CreateErrorCode, message: string, hint: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.hint = hint;
  }
}
