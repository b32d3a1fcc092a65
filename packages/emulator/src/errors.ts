/**
 * Stable codes of the errors the emulator's test API throws (Discord-side failures are answered
 * over HTTP with Discord's own error shapes instead; see `rest/discord-error.ts`).
 */
export type EmulatorErrorCode =
  | 'ZRX_EMULATOR_REPLY_TIMEOUT'
  | 'ZRX_EMULATOR_UNKNOWN_COMMAND'
  | 'ZRX_EMULATOR_INVALID_OPTION'
  | 'ZRX_EMULATOR_UNKNOWN_COMPONENT'
  | 'ZRX_EMULATOR_UNKNOWN_ENTITY'
  | 'ZRX_EMULATOR_WAIT_TIMEOUT';

/**
 * An error thrown by the emulator's test-facing API: a stable `code`, a message naming what was
 * wrong and where, and a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await alice.send(general, '!ping').reply(); }
 * catch (error) { if (error instanceof EmulatorError) console.log(error.code, error.hint); }
 * ```
 */
export class EmulatorError extends Error {
  /** The stable error code, listed in docs/errors/emulator.md. */
  public readonly code: EmulatorErrorCode;
  /** A concrete suggestion to fix the cause. */
  public readonly hint: string;

  /** Creates an error; the message gets the hint appended so test output shows both. */
  public constructor(code: EmulatorErrorCode, message: string, hint: string) {
    super(`${message}\nHint: ${hint}`);
    this.name = 'EmulatorError';
    this.code = code;
    this.hint = hint;
  }
}
