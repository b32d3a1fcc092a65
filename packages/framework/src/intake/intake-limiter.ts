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
  /** Live per-user windows. */
  readonly windows: number;
}

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
 */
export class IntakeLimiter {
  readonly #windows = new Map<string, Window>();
  /** The verdict per message/interaction: one invocation counts once, whoever asks again. */
  readonly #verdicts = new WeakMap<object, IntakeVerdict>();
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

  /** Counts one unit of `kind` for `userId` under the current rule. */
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
