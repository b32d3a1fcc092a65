import { z } from 'zod';

/** The env variable the API key is read from when `apiKeyEnv` is not set. */
export const DEFAULT_API_KEY_ENV = 'ZORYX_AI_API_KEY';

/** The rules of the limits an owner may change at runtime (shared by config and `ask_config`). */
const tunable = {
  maxToolCalls: z.number().int().min(1).max(100),
  userPerMinute: z.number().int().min(1).max(1000),
  guildPerMinute: z.number().int().min(1).max(10_000),
  dailyTokenBudget: z.number().int().min(1000),
};

/**
 * `extensions.config.assistant`. `baseUrl` and `model` are required; everything else has a
 * default. The key itself is never in config: only the name of the env variable holding it.
 */
export const assistantConfigSchema = z
  .object({
    /** An OpenAI-compatible API root, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
    baseUrl: z.url({ protocol: /^https?$/ }),
    /** The model name the provider knows, e.g. `gpt-4o-mini` or `llama3.1`. */
    model: z.string().min(1),
    /** Env variable with the API key (none is sent when it is unset, as local servers need none). */
    apiKeyEnv: z.string().min(1).default(DEFAULT_API_KEY_ENV),
    /** Tool calls one question may make before the model must answer. */
    maxToolCalls: tunable.maxToolCalls.default(8),
    /** Per provider request: no response (or no stream data) for this long aborts it. */
    timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
    /** A whole question, tool calls and all. */
    wallTimeMs: z.number().int().min(1000).max(1_800_000).default(120_000),
    /** Questions per user per minute. */
    userPerMinute: tunable.userPerMinute.default(4),
    /** Questions per guild per minute. */
    guildPerMinute: tunable.guildPerMinute.default(20),
    /** Tokens (prompt + completion, as the provider reports them) per UTC day, for the whole bot. */
    dailyTokenBudget: tunable.dailyTokenBudget.default(200_000),
    /** Least time between two edits of a streamed reply (Discord rate-limits edits). */
    streamEditMs: z.number().int().min(0).max(10_000).default(1200),
    /** Extra folder of Markdown files for `search_docs` (besides the docs shipped in the package). */
    docsDir: z.string().min(1).optional(),
    /** `max_tokens` of each completion. */
    maxAnswerTokens: z.number().int().min(16).max(32_000).default(800),
  })
  .strict();

/** The validated config (`ctx.config` of the assistant extension). */
export type AssistantConfig = z.output<typeof assistantConfigSchema>;

/** The limits an owner may change at runtime with `ask_config` (stored; they win over config). */
export const TUNABLE_KEYS = [
  'maxToolCalls',
  'userPerMinute',
  'guildPerMinute',
  'dailyTokenBudget',
] as const;

/** One of {@link TUNABLE_KEYS}. */
export type TunableKey = (typeof TUNABLE_KEYS)[number];

/** Validates overrides with the same rules as the config file (no defaults: unset stays unset). */
export const tunableOverridesSchema = z
  .object({
    maxToolCalls: tunable.maxToolCalls.optional(),
    userPerMinute: tunable.userPerMinute.optional(),
    guildPerMinute: tunable.guildPerMinute.optional(),
    dailyTokenBudget: tunable.dailyTokenBudget.optional(),
  })
  .strict();

/** Values set with `ask_config`, applied over the config file's. */
export type TunableOverrides = z.output<typeof tunableOverridesSchema>;

/** The overrides that are set (an `undefined` must not hide the config file's value). */
export function setOverrides(values: TunableOverrides): Partial<Pick<AssistantConfig, TunableKey>> {
  const out: Partial<Pick<AssistantConfig, TunableKey>> = {};
  for (const key of TUNABLE_KEYS) {
    const value = values[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
