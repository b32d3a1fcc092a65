/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Every code a {@link SlashLimitError} can carry, with when it is reported and its default hint.
 *
 * @remarks The single source of these codes: {@link SlashLimitErrorCode} is derived from its
 * keys, a {@link SlashLimitError} without its own hint takes the one here, and docs/errors.md is
 * generated from it (`node scripts/errors-doc.mjs`).
 */
export const slashLimitErrorCatalogue = {
  ZRX_SLASH_OPTIONS: {
    meaning:
      '`planCommands` got inconsistent options: `maxTopLevel` outside 1–100, `safeLimit` above `maxTopLevel`, `warningThreshold` above `safeLimit`, `contextMenuLimit` outside 0–15, or a `rootNames` entry that is not a usable command name (the message names the option and value)',
    hint: 'Keep `warningThreshold ≤ safeLimit ≤ maxTopLevel ≤ 100` (defaults 90/95/100); root names are 1–28 lowercase letters, digits, `-` or `_`.',
  },
  ZRX_SLASH_USAGE: {
    meaning:
      "`parsePrefixInvocation` could not turn a prefix message into the command's options: a missing required option, a value of the wrong type or out of range, an unknown choice, subcommand, user, role or channel, surplus text, an attachment option (the error carries `usage`, the failing `argument` and `input`)",
    hint: 'Reply with the message and the usage line in `hint`; `name:value` sets any option explicitly and quotes group words.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every error code this package produces: the keys of {@link slashLimitErrorCatalogue}. */
export type SlashLimitErrorCode = keyof typeof slashLimitErrorCatalogue;

/**
 * The error class of `@zoryx/slash-limit`: a stable `code`, a message naming what was wrong and
 * where, and a `hint` with a concrete fix.
 */
export class SlashLimitError extends Error {
  /** Stable machine-readable code (`ZRX_SLASH_*`). */
  public readonly code: SlashLimitErrorCode;
  /** A concrete next step for the developer or user. */
  public readonly hint: string;

  /** `hint` defaults to the catalogue's hint for `code`; pass a more specific one when you can. */
  public constructor(code: SlashLimitErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'SlashLimitError';
    this.code = code;
    this.hint = hint ?? slashLimitErrorCatalogue[code].hint;
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
