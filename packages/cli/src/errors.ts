/** Stable codes of the errors the `zoryx` command reports. */
export type CliErrorCode =
  | 'ZRX_CLI_USAGE'
  | 'ZRX_CLI_INVALID_EXTENSION_NAME'
  | 'ZRX_CLI_EXTENSION_EXISTS'
  | 'ZRX_CLI_BOT_FOLDER'
  | 'ZRX_CLI_ENTRY_NOT_FOUND'
  | 'ZRX_CLI_SCRIPT_UNREADABLE'
  | 'ZRX_CLI_BOT_EXITED'
  | 'ZRX_CLI_BOT_NOT_READY';

/**
 * An error of the `zoryx` command: a stable `code`, a message naming what was wrong and where,
 * and a `hint` with a concrete fix. The command prints all three and exits with status 1.
 *
 * @example
 * ```ts
 * try { await newExtension({ cwd, name: 'Bad Name!' }); }
 * catch (error) { if (error instanceof CliError) console.error(error.code, error.hint); }
 * ```
 */
export class CliError extends Error {
  /** The stable error code, listed in docs/errors/cli.md. */
  public readonly code: CliErrorCode;
  /** A concrete suggestion to fix the cause. */
  public readonly hint: string;

  /** Creates an error with its code, message and hint. */
  public constructor(code: CliErrorCode, message: string, hint: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.hint = hint;
  }
}
