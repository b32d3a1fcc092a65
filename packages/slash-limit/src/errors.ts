/** Every error code this package produces; listed in `docs/errors/slash-limit.md`. */
export type SlashLimitErrorCode = 'ZRX_SLASH_OPTIONS' | 'ZRX_SLASH_USAGE';

/**
 * The error class of `@zoryx/slash-limit`: a stable `code`, a message naming what was wrong and
 * where, and a `hint` with a concrete fix.
 */
export class SlashLimitError extends Error {
  /** Stable machine-readable code (`ZRX_SLASH_*`). */
  public readonly code: SlashLimitErrorCode;
  /** A concrete next step for the developer or user. */
  public readonly hint: string;

  public constructor(code: SlashLimitErrorCode, message: string, hint: string) {
    super(message);
    this.name = 'SlashLimitError';
    this.code = code;
    this.hint = hint;
  }
}

/**
 * A prefix invocation could not be parsed: carries the command's usage line and the argument
 * (option name) that failed, so the reply can show both.
 */
export class UsageError extends SlashLimitError {
  /** The usage line, e.g. `ban <user> [days] [reason...]`. */
  public readonly usage: string;
  /** The option whose value was missing or wrong; undefined for surplus input. */
  public readonly argument: string | undefined;
  /** The text that failed to parse, when there was one. */
  public readonly input: string | undefined;

  public constructor(
    message: string,
    details: { usage: string; argument?: string | undefined; input?: string | undefined },
  ) {
    super('ZRX_SLASH_USAGE', message, `Usage: ${details.usage}`);
    this.name = 'UsageError';
    this.usage = details.usage;
    this.argument = details.argument;
    this.input = details.input;
  }
}
