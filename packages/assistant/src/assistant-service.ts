import type { AccessLevel, ZoryxClient } from '@zoryx/framework';
import { runAskLoop, type StopReason } from './agent/ask-loop.js';
import { type PendingAction, PendingActions } from './agent/pending-actions.js';
import type { AskPlace } from './agent/prompt.js';
import { SecretScrubber } from './agent/secret-scrubber.js';
import {
  type AssistantConfig,
  setOverrides,
  type TunableOverrides,
  tunableOverridesSchema,
} from './config.js';
import { AnswerViews } from './discord/answer-view.js';
import type { DocsIndex } from './docs/docs-index.js';
import { AssistantError } from './errors.js';
import { MinuteRateLimiter } from './limits/rate-limiter.js';
import { type DailyUsage, TokenBudget, type UsageStore } from './limits/token-budget.js';
import type { ChatProvider } from './provider/chat-types.js';
import { OpenAICompatibleProvider } from './provider/openai-compatible.js';
import { scrubbingProvider } from './provider/scrubbing-provider.js';
import type { RecentErrors } from './recent-errors.js';
import { accessOf, holds } from './tools/asker-access.js';
import { toolsFor } from './tools/tool-catalog.js';
import type { ToolEnvironment } from './tools/tool-types.js';

/** Who asks: a Discord user, optionally in a guild (their access is looked up there). */
export interface AskAsker {
  readonly userId: string;
  readonly guildId?: string | undefined;
}

/** A proposed action in an answer: confirm it with the button (or {@link AssistantService.confirm}). */
export interface ProposedActionInfo {
  readonly id: string;
  readonly tool: string;
  readonly preview: string;
  /** Who may confirm it. */
  readonly permission: AccessLevel;
}

/** The answer to one question. */
export interface AskAnswer {
  readonly answer: string;
  /** The tools the answer is based on (its sources), in first-use order. */
  readonly toolsUsed: string[];
  readonly stopReason: StopReason;
  /** Actions the model proposed; none has run. */
  readonly pendingActions: readonly ProposedActionInfo[];
  /** Tokens this question used. */
  readonly tokens: number;
}

/** The public API of the assistant extension: `bot.extensions.get('assistant')`. */
export interface AssistantApi {
  /** Answers `question` as `asker` may see it (their tools only), with the tools used as sources. */
  ask(question: string, asker: AskAsker): Promise<AskAnswer>;
  /** Today's token and question counts. */
  usage(): Promise<DailyUsage>;
}

/** Extra hooks of a question asked through `/ask`. */
export interface AnswerOptions {
  readonly place?: AskPlace;
  /** Streams: the current round's text so far. */
  readonly onText?: (textSoFar: string) => void;
  readonly onTool?: (name: string) => void;
}

/** What the service is built from (the extension's ctx, in `setup`). */
export interface AssistantServiceOptions {
  readonly bot: ZoryxClient;
  readonly config: AssistantConfig;
  readonly store: UsageStore;
  readonly docs: DocsIndex;
  readonly errors: RecentErrors;
  /** Aborted on unload: questions under way end with `ZRX_ASSISTANT_ABORTED`. */
  readonly signal: AbortSignal;
  readonly overrides?: TunableOverrides;
}

/** Longest question accepted, in characters. */
export const QUESTION_MAX = 2000;
const OVERRIDES_FILE = 'overrides.json';

/**
 * The assistant: checks the limits, offers the model only the asker's tools, runs the loop, and
 * keeps proposed actions until a permitted user confirms them.
 */
export class AssistantService implements AssistantApi {
  /** Proposed actions waiting for their button. */
  public readonly pending = new PendingActions();
  /** Answers shown by `/ask`, for their page buttons. */
  public readonly views = new AnswerViews();
  readonly #options: AssistantServiceOptions;
  readonly #rates = new MinuteRateLimiter();
  readonly #budget: TokenBudget;
  readonly #scrubber: SecretScrubber;
  #custom: ChatProvider | undefined;
  #overrides: TunableOverrides;

  public constructor(options: AssistantServiceOptions) {
    this.#options = options;
    this.#budget = new TokenBudget(options.store);
    this.#overrides = options.overrides ?? {};
    this.#scrubber = new SecretScrubber(() => [options.bot.token, this.#apiKey()]);
  }

  /** The settings in force: the config file's, with the owner's `ask_config` values over them. */
  public settings(): AssistantConfig {
    return { ...this.#options.config, ...setOverrides(this.#overrides) };
  }

  /** Whether the env variable named by `apiKeyEnv` holds a key (the key itself is never shown). */
  public hasApiKey(): boolean {
    return Boolean(this.#apiKey());
  }

  /** Sets limits over the config file's (validated; persisted in the extension's store). */
  public async setOverrides(values: TunableOverrides): Promise<AssistantConfig> {
    const parsed = tunableOverridesSchema.safeParse(values);
    if (!parsed.success) {
      throw new AssistantError(
        'ZRX_ASSISTANT_CONFIG',
        `Invalid value: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}.`,
      );
    }
    const next = { ...setOverrides(this.#overrides), ...setOverrides(parsed.data) };
    this.#overrides = next;
    await this.#options.store.update<TunableOverrides>(OVERRIDES_FILE, () => next);
    return this.settings();
  }

  public usage(): Promise<DailyUsage> {
    return this.#budget.usage();
  }

  public ask(question: string, asker: AskAsker): Promise<AskAnswer> {
    return this.answer(question, asker);
  }

  /** {@link AssistantService.ask} with streaming and progress hooks (what `/ask` uses). */
  public async answer(
    question: string,
    who: AskAsker,
    options: AnswerOptions = {},
  ): Promise<AskAnswer> {
    const text = question.trim();
    if (text === '' || text.length > QUESTION_MAX) {
      throw new AssistantError(
        'ZRX_ASSISTANT_EMPTY_QUESTION',
        `A question must have 1–${QUESTION_MAX} characters (got ${text.length}).`,
      );
    }
    const settings = this.settings();
    this.#takeRate(who, settings);
    if ((await this.#budget.remaining(settings.dailyTokenBudget)) === 0) {
      throw new AssistantError(
        'ZRX_ASSISTANT_BUDGET_EXHAUSTED',
        `Today's token budget of ${settings.dailyTokenBudget} tokens is used up.`,
      );
    }
    const { bot } = this.#options;
    const access = await accessOf(bot, who.userId, who.guildId);
    const asker = { userId: who.userId, guildId: who.guildId, access };
    let tokens = 0;
    try {
      const outcome = await runAskLoop({
        provider: this.#provider(settings),
        tools: toolsFor(asker),
        env: this.#environment(),
        asker,
        question: text,
        place: options.place ?? {},
        botName: bot.user?.username ?? 'bot',
        maxToolCalls: settings.maxToolCalls,
        wallTimeMs: settings.wallTimeMs,
        maxAnswerTokens: settings.maxAnswerTokens,
        onTokens: (n) => {
          tokens += n;
        },
        ...(options.onText ? { onText: options.onText } : {}),
        ...(options.onTool ? { onTool: options.onTool } : {}),
        scrub: (s) => this.#scrubber.scrub(s),
        signal: this.#options.signal,
      });
      const pendingActions = outcome.proposals.map((proposal) => {
        const pending = this.pending.add(proposal, who.userId);
        return {
          id: pending.id,
          tool: pending.tool.name,
          preview: pending.preview,
          permission: pending.permission,
        };
      });
      return {
        answer: this.#scrubber.scrub(outcome.answer),
        toolsUsed: outcome.toolsUsed,
        stopReason: outcome.stopReason,
        pendingActions,
        tokens,
      };
    } finally {
      await this.#budget.record(who.userId, tokens, true);
    }
  }

  /**
   * Runs a pending action if `userId` holds its permission (looked up now, in `guildId`).
   * Refusals leave it pending, so a permitted user can still confirm it.
   */
  public async confirm(
    id: string,
    userId: string,
    guildId: string | undefined,
  ): Promise<{ ok: true; result: string } | { ok: false; reason: string }> {
    const pending = this.pending.get(id);
    if (!pending) return { ok: false, reason: 'This proposal expired or was already handled.' };
    if (!(await this.mayConfirm(pending, userId, guildId))) {
      return {
        ok: false,
        reason: `Only a user with ${pending.permission} access can confirm this.`,
      };
    }
    const taken: PendingAction | undefined = this.pending.take(id);
    if (!taken) return { ok: false, reason: 'This proposal was already handled.' };
    return { ok: true, result: await taken.tool.execute(taken.args, this.#environment()) };
  }

  /** Whether `userId` (in `guildId`) holds the permission a pending action needs. */
  public async mayConfirm(
    pending: PendingAction,
    userId: string,
    guildId: string | undefined,
  ): Promise<boolean> {
    return holds(await accessOf(this.#options.bot, userId, guildId), pending.permission);
  }

  #apiKey(): string | undefined {
    return process.env[this.#options.config.apiKeyEnv] || undefined;
  }

  /**
   * Answers with another {@link ChatProvider} instead of the OpenAI-compatible client built from
   * the config (e.g. an adapter for a provider with its own API); `undefined` goes back to it.
   * Every message it receives is scrubbed of secrets first, as the built-in client's body is.
   */
  public useProvider(provider: ChatProvider | undefined): void {
    this.#custom = provider && scrubbingProvider(provider, (text) => this.#scrubber.scrub(text));
  }

  #provider(settings: AssistantConfig): ChatProvider {
    if (this.#custom) return this.#custom;
    return new OpenAICompatibleProvider({
      baseUrl: settings.baseUrl,
      model: settings.model,
      apiKey: this.#apiKey(),
      timeoutMs: settings.timeoutMs,
      scrub: (body) => this.#scrubber.scrub(body),
    });
  }

  #environment(): ToolEnvironment {
    return { bot: this.#options.bot, errors: this.#options.errors, docs: this.#options.docs };
  }

  #takeRate(who: AskAsker, settings: AssistantConfig): void {
    const user = this.#rates.take(`user:${who.userId}`, settings.userPerMinute);
    if (!user.ok) {
      throw new AssistantError(
        'ZRX_ASSISTANT_RATE_LIMITED',
        `You asked ${settings.userPerMinute} questions in the last minute; try again in ${Math.ceil(user.retryInMs / 1000)} s.`,
      );
    }
    if (who.guildId === undefined) return;
    const guild = this.#rates.take(`guild:${who.guildId}`, settings.guildPerMinute);
    if (!guild.ok) {
      this.#rates.release(`user:${who.userId}`);
      throw new AssistantError(
        'ZRX_ASSISTANT_RATE_LIMITED',
        `This server asked ${settings.guildPerMinute} questions in the last minute; try again in ${Math.ceil(guild.retryInMs / 1000)} s.`,
      );
    }
  }
}
