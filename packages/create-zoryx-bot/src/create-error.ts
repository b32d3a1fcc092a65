import { type CreateErrorCode, createErrorCatalogue } from './errors';

export type { CreateErrorCode } from './errors';

/**
 * Every failure of `create-zoryx-bot`: a stable `code`, a message naming what was wrong and
 * where, and a `hint` with a concrete fix. The CLI prints all three and exits non-zero.
 */
export class CreateError extends Error {
  override readonly name = 'CreateError';
  /** Stable code, listed in docs/errors.md. */
  readonly code: CreateErrorCode;
  /** A concrete fix. */
  readonly hint: string;

  /** Takes the catalogue's hint for `code`. */
  constructor(code: CreateErrorCode, message: string, options?: ErrorOptions);
  /** `hint` names a concrete fix for this case; `undefined` takes the catalogue's hint. */
  constructor(
    code: CreateErrorCode,
    message: string,
    hint: string | undefined,
    options?: ErrorOptions,
  );
  constructor(
    code: CreateErrorCode,
    message: string,
    hintOrOptions?: string | ErrorOptions,
    options?: ErrorOptions,
  ) {
    super(message, typeof hintOrOptions === 'object' ? hintOrOptions : options);
    this.code = code;
    this.hint = typeof hintOrOptions === 'string' ? hintOrOptions : createErrorCatalogue[code].hint;
  }
}
