import {
  type SharedHit,
  type SharedRateStore,
  type SharedStoreOptions,
  SharedWindows,
} from './shared-rate-store.js';

/** A rate: `limit` per `windowSeconds`. */
export interface IntakeRule {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** The intake limits in force (`config.intake`); `false` switches one off. */
export interface IntakeRules {
  readonly commandsPerUser: IntakeRule | false;
  readonly unknownCommandReplies: IntakeRule | false;
}

/** What the limiter counts separately. */
export type IntakeKind = 'commands' | 'unknownReplies';

/**
 * The outcome of {@link IntakeLimiter.take}: admitted, or refused with `notify` true on the
 * first refusal of a window only (so a user learns once that they are limited, then silence).
 */
export type IntakeVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly notify: boolean; readonly retryAfterMs: number };

/** Counters of the limiter, for diagnostics and tests. */
export interface IntakeStats {
  /** Commands refused because their user was over `commandsPerUser`. */
  readonly commandsLimited: number;
  /** "Slow down" notices given (at most one per user and window). */
  readonly noticesSent: number;
  /** Replies to unknown commands left out because of `unknownCommandReplies`. */
  readonly unknownRepliesSuppressed: number;
  /** Live per-user windows in this process. */
  readonly windows: number;
  /** Whether a {@link SharedRateStore} counts the windows (several workers share them). */
  readonly shared: boolean;
  /** Hits the shared store did not answer in time, counted in this process instead. */
  readonly sharedFailures: number;
}

/** A verdict now (no shared store) or once the shared store answered. */
export type IntakeAnswer = IntakeVerdict | Promise<IntakeVerdict>;

interface Window {
  start: number;
  used: number;
  windowMs: number;
  noticed: boolean;
}

const RULE_OF: Record<IntakeKind, keyof IntakeRules> = {
  commands: 'commandsPerUser',
  unknownReplies: 'unknownCommandReplies',
};

/**
 * Per-user fixed-window counters that bound how much one member can make the bot do: commands
 * started (whatever the command, however invoked) and replies to messages that name no command.
 * The per-command cooldown is a different thing (fairness of one command) and stays as it is;
 * this limit is what stops 200 messages from earning 200 replies. Rules are read on every call,
 * so a config reload applies at once; the clock is injectable so tests step time.
 *
 * Several workers of one bot share their windows through {@link IntakeLimiter.useStore} (e.g.
 * Redis): {@link IntakeLimiter.admit} and {@link IntakeLimiter.count} then await the store, and
 * count in this process when it fails (the limit then holds per process, never unlimited).
 * Without a store they answer synchronously from this process' windows.
 */
export class IntakeLimiter {
  readonly #windows = new Map<string, Window>();
  /** The verdict per message/interaction: one invocation counts once, whoever asks again. */
  readonly #verdicts = new WeakMap<object, IntakeVerdict>();
  /** The same for {@link IntakeLimiter.admit} with a shared store (the answer may be pending). */
  readonly #answers = new WeakMap<object, IntakeAnswer>();
  #shared: SharedWindows | undefined;
  readonly #rules: () => IntakeRules;
  readonly #clock: () => number;
  #lastSweep = 0;
  #commandsLimited = 0;
  #noticesSent = 0;
  #unknownRepliesSuppressed = 0;

  public constructor(rules: () => IntakeRules, clock: () => number = Date.now) {
    this.#rules = rules;
    this.#clock = clock;
  }

  /**
   * Counts one command invocation (`target`: its message or interaction) by `userId`. Asking
   * again for the same target returns the first verdict without counting twice: the prefix route
   * asks before parsing arguments, the global precondition asks again afterwards.
   */
  public admitCommand(target: object, userId: string): IntakeVerdict {
    const known = this.#verdicts.get(target);
    if (known !== undefined) return known;
    const verdict = this.take('commands', userId);
    this.#verdicts.set(target, verdict);
    return verdict;
  }

  /**
   * Shares the windows with the bot's other processes through `store` (undefined: this process
   * only again). Used by {@link IntakeLimiter.admit} and {@link IntakeLimiter.count}; the
   * synchronous {@link IntakeLimiter.take} and {@link IntakeLimiter.admitCommand} stay local.
   */
  public useStore(store: SharedRateStore | undefined, options: SharedStoreOptions = {}): void {
    this.#shared = store === undefined ? undefined : new SharedWindows(store, options, this.#clock);
  }

  /**
   * {@link IntakeLimiter.admitCommand}, shared with the other processes when a store is in use
   * (then a promise; otherwise the verdict itself, at no extra cost). Counted once per target.
   */
  public admit(target: object, userId: string): IntakeAnswer {
    if (this.#shared === undefined) return this.admitCommand(target, userId);
    const known = this.#answers.get(target);
    if (known !== undefined) return known;
    const answer = this.count('commands', userId);
    this.#answers.set(target, answer);
    return answer;
  }

  /**
   * {@link IntakeLimiter.take}, shared with the other processes when a store is in use (then a
   * promise; otherwise the verdict itself).
   */
  public count(kind: IntakeKind, userId: string): IntakeAnswer {
    const shared = this.#shared;
    if (shared === undefined) return this.take(kind, userId);
    const rule = this.#rules()[RULE_OF[kind]];
    if (rule === false) return { ok: true };
    return shared
      .hit(`intake:${kind}:${userId}`, rule.windowSeconds * 1000)
      .then((hit) => (hit === undefined ? this.take(kind, userId) : this.#judge(kind, rule, hit)));
  }

  /** The verdict on a shared hit: the first hit over the limit of a window notifies, once. */
  #judge(kind: IntakeKind, rule: IntakeRule, hit: SharedHit): IntakeVerdict {
    if (hit.count <= rule.limit) return { ok: true };
    const notify = kind === 'commands' && hit.count === rule.limit + 1;
    if (kind === 'commands') this.#commandsLimited += 1;
    else this.#unknownRepliesSuppressed += 1;
    if (notify) this.#noticesSent += 1;
    return { ok: false, notify, retryAfterMs: hit.resetInMs };
  }

  /** Counts one unit of `kind` for `userId` under the current rule, in this process. */
  public take(kind: IntakeKind, userId: string): IntakeVerdict {
    const rule = this.#rules()[RULE_OF[kind]];
    if (rule === false) return { ok: true };
    const now = this.#clock();
    this.#sweep(now);
    const key = `${kind}\u0000${userId}`;
    const windowMs = rule.windowSeconds * 1000;
    let window = this.#windows.get(key);
    if (window === undefined || now - window.start >= window.windowMs) {
      window = { start: now, used: 0, windowMs, noticed: false };
      this.#windows.set(key, window);
    }
    if (window.used < rule.limit) {
      window.used += 1;
      return { ok: true };
    }
    const notify = kind === 'commands' && !window.noticed;
    window.noticed = true;
    if (kind === 'commands') this.#commandsLimited += 1;
    else this.#unknownRepliesSuppressed += 1;
    if (notify) this.#noticesSent += 1;
    return { ok: false, notify, retryAfterMs: window.start + window.windowMs - now };
  }

  /** Counters since start. */
  public stats(): IntakeStats {
    return {
      commandsLimited: this.#commandsLimited,
      noticesSent: this.#noticesSent,
      unknownRepliesSuppressed: this.#unknownRepliesSuppressed,
      windows: this.#windows.size,
      shared: this.#shared !== undefined,
      sharedFailures: this.#shared?.failures ?? 0,
    };
  }

  /** Drops expired windows at most once a minute: memory stays bounded by recent users. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, window] of this.#windows) {
      if (now - window.start >= window.windowMs) this.#windows.delete(key);
    }
  }
}
