/** What the catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Every code `@zoryx/assistant` reports. Provider failures are told apart (down, slow, refused,
 * malformed) so an owner knows which knob to turn; none of them ever leaves a question hanging.
 *
 * @remarks The single source of these codes: {@link AssistantErrorCode} is derived from its keys,
 * an {@link AssistantError} without its own hint takes the one here, and docs/errors.md is
 * generated from it (`node scripts/errors-doc.mjs`).
 */
export const assistantErrorCatalogue = {
  ZRX_ASSISTANT_CONFIG: {
    meaning:
      '`extensions.config.assistant` (or a value set with `ask_config`) is invalid: a missing `baseUrl`/`model`, a non-URL base, or a limit out of range',
    hint: 'Set `extensions.config.assistant = { "baseUrl": "http://127.0.0.1:11434/v1", "model": "llama3.1" }` (any OpenAI-compatible server) and keep limits positive.',
  },
  ZRX_ASSISTANT_PROVIDER_DOWN: {
    meaning:
      'the AI provider could not be reached at all (connection refused, DNS failure, reset before a response)',
    hint: 'Check that the server at `baseUrl` is running and reachable from the bot (e.g. `ollama serve`, or the URL of your OpenAI-compatible endpoint).',
  },
  ZRX_ASSISTANT_PROVIDER_TIMEOUT: {
    meaning:
      'the AI provider sent no response (or no further stream data) within `timeoutMs`; the request was aborted',
    hint: 'The model may be loading or overloaded: try again, use a smaller model, or raise `timeoutMs` in `extensions.config.assistant`.',
  },
  ZRX_ASSISTANT_PROVIDER_HTTP: {
    meaning:
      'the AI provider answered with an HTTP error status (401/403 bad key, 404 unknown model or path, 429 rate limited, 5xx server error)',
    hint: 'Read the status in the message: 401/403 → check the key in the env variable named by `apiKeyEnv`; 404 → check `baseUrl` (usually ends in `/v1`) and `model`; 429/5xx → retry later.',
  },
  ZRX_ASSISTANT_PROVIDER_BAD_RESPONSE: {
    meaning:
      'the AI provider answered, but not in the OpenAI chat-completions shape (not JSON, no `choices`, a malformed stream or tool call)',
    hint: 'Point `baseUrl` at an OpenAI-compatible `/v1` endpoint (its `/chat/completions` must accept `tools`); some servers need a model that supports tool calling.',
  },
  ZRX_ASSISTANT_ABORTED: {
    meaning:
      'the question was cancelled before it finished (the extension unloaded or the caller aborted)',
    hint: 'Ask again once the assistant extension is loaded.',
  },
  ZRX_ASSISTANT_WALL_TIME: {
    meaning: 'answering one question took longer than `wallTimeMs` in total; it was stopped',
    hint: 'Ask a narrower question, or raise `wallTimeMs` in `extensions.config.assistant`.',
  },
  ZRX_ASSISTANT_RATE_LIMITED: {
    meaning: 'the asker (or their server) asked more questions than the per-minute limit allows',
    hint: 'Wait a minute and ask again; bot owners can raise `userPerMinute` / `guildPerMinute` with `ask_config`.',
  },
  ZRX_ASSISTANT_BUDGET_EXHAUSTED: {
    meaning: "today's token budget (`dailyTokenBudget`, UTC day) is used up",
    hint: 'It resets at 00:00 UTC; `/ask usage` shows what was used. Bot owners can raise it with `ask_config`.',
  },
  ZRX_ASSISTANT_EMPTY_QUESTION: {
    meaning: 'the question was empty, or longer than the 2,000 characters a question may have',
    hint: 'Ask one question of up to 2,000 characters, e.g. `/ask question: which commands can I run?`.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every stable error code `@zoryx/assistant` reports: the keys of {@link assistantErrorCatalogue}. */
export type AssistantErrorCode = keyof typeof assistantErrorCatalogue;

/**
 * The error class of `@zoryx/assistant`: a stable `code`, a message naming what went wrong, and a
 * `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await bot.extensions.require('assistant').ask('hi', { userId }); }
 * catch (error) { if (error instanceof AssistantError) console.error(error.code, error.hint); }
 * ```
 */
export class AssistantError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_ASSISTANT_PROVIDER_TIMEOUT`. */
  public readonly code: AssistantErrorCode;
  /** A concrete next step for the person who sees the error. */
  public readonly hint: string;

  /** `hint` defaults to the catalogue's hint for `code`. */
  public constructor(
    code: AssistantErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AssistantError';
    this.code = code;
    this.hint = options.hint ?? assistantErrorCatalogue[code].hint;
  }
}

/** Whether `error` is an {@link AssistantError} (by shape: the class may come from another copy). */
export function isAssistantError(error: unknown): error is AssistantError {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code in assistantErrorCatalogue
  );
}
