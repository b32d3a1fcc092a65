/** Every stable error code `@zoryx/testing` throws. Listed in docs/errors/testing.md. */
export type TestingErrorCode =
  | 'ZRX_TESTING_DIR'
  | 'ZRX_TESTING_FILE_PATH'
  | 'ZRX_TESTING_BUILTINS_MISSING'
  | 'ZRX_TESTING_BUILTINS_UNBUILT'
  | 'ZRX_TESTING_BOOT_FAILED'
  | 'ZRX_TESTING_IN_PLACE'
  | 'ZRX_TESTING_CLOSED';

/**
 * The error class of `@zoryx/testing`: a stable `code`, a message naming what was wrong and
 * where, and a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await createTestBot({ builtins: ['core'] }); }
 * catch (error) { if (error instanceof TestingError) console.error(error.code, error.hint); }
 * ```
 */
export class TestingError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_TESTING_BUILTINS_MISSING`. */
  public readonly code: TestingErrorCode;
  /** A concrete next step for the person who sees the error. */
  public readonly hint: string;

  /** Creates an error; the message gets the hint appended so test output shows both. */
  public constructor(
    code: TestingErrorCode,
    message: string,
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${message}\nHint: ${hint}`, options);
    this.name = 'TestingError';
    this.code = code;
    this.hint = hint;
  }
}
