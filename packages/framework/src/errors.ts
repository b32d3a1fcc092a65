/** Every stable error code `@zoryx/framework` throws or reports. Listed in docs/errors/framework.md. */
export type FrameworkErrorCode =
  | 'ZRX_CONFIG_JSON'
  | 'ZRX_CONFIG_INVALID'
  | 'ZRX_CONFIG_WRITE'
  | 'ZRX_ENV_INVALID'
  | 'ZRX_TOKEN_MISSING'
  | 'ZRX_COMMAND_FAILED'
  | 'ZRX_COMMAND_SYNC'
  | 'ZRX_PERMISSION_DENIED'
  | 'ZRX_COOLDOWN'
  | 'ZRX_INTAKE_LIMITED'
  | 'ZRX_PIECE_CONFLICT'
  | 'ZRX_PIECE_NAME'
  | 'ZRX_SHUTDOWN'
  | 'ZRX_COMMAND_NO_EXTENSION'
  | 'ZRX_COMPONENT_ID'
  | 'ZRX_GUILD_SETTING'
  // Fault isolation: logged (with an error id), never thrown.
  | 'ZRX_EXTENSION_FAULT'
  | 'ZRX_UNCAUGHT_EXCEPTION'
  | 'ZRX_UNHANDLED_REJECTION'
  | 'ZRX_PIECE_FAILED'
  | 'ZRX_CLIENT_ERROR';

/**
 * The error class of `@zoryx/framework`: a stable `code`, a message naming what was wrong and
 * where, and a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await loadConfig({ path: 'config.json' }); }
 * catch (error) { if (error instanceof FrameworkError) console.error(error.code, error.hint); }
 * ```
 */
export class FrameworkError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_CONFIG_INVALID`. */
  public readonly code: FrameworkErrorCode;
  /** A concrete next step for the person who sees the error. */
  public readonly hint: string;

  public constructor(
    code: FrameworkErrorCode,
    message: string,
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FrameworkError';
    this.code = code;
    this.hint = hint;
  }
}
