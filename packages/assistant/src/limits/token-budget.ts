/** A day's usage as `/ask usage` reports it (UTC day). */
export interface DailyUsage {
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
  readonly tokens: number;
  readonly questions: number;
  /** Per user id. */
  readonly users: Readonly<Record<string, { readonly tokens: number; readonly questions: number }>>;
}

/** Where the usage is kept: the extension's scoped store (a JSON document). */
export interface UsageStore {
  readJson<T>(path: string): Promise<T | undefined>;
  update<T>(path: string, fn: (current: T | undefined) => T): Promise<T>;
}

const USAGE_FILE = 'usage.json';

function today(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

function empty(day: string): DailyUsage {
  return { day, tokens: 0, questions: 0, users: {} };
}

/**
 * The daily token budget of the whole bot: tokens are counted per provider call (as the provider
 * reports them, estimated when it does not) and per user, kept in the store so a restart does not
 * reset the day, and reset at 00:00 UTC.
 */
export class TokenBudget {
  readonly #store: UsageStore;
  readonly #now: () => number;

  public constructor(store: UsageStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  /** Today's usage. */
  async usage(): Promise<DailyUsage> {
    const day = today(this.#now());
    const saved = await this.#store.readJson<DailyUsage>(USAGE_FILE);
    return saved?.day === day ? saved : empty(day);
  }

  /** Tokens left today under `budget` (0 when used up). */
  async remaining(budget: number): Promise<number> {
    return Math.max(0, budget - (await this.usage()).tokens);
  }

  /** Adds a question's tokens (and, with `question`, one question) for `userId`. */
  async record(userId: string, tokens: number, question = false): Promise<void> {
    const day = today(this.#now());
    await this.#store.update<DailyUsage>(USAGE_FILE, (current) => {
      const base = current?.day === day ? current : empty(day);
      const user = base.users[userId] ?? { tokens: 0, questions: 0 };
      const add = question ? 1 : 0;
      return {
        day,
        tokens: base.tokens + tokens,
        questions: base.questions + add,
        users: {
          ...base.users,
          [userId]: { tokens: user.tokens + tokens, questions: user.questions + add },
        },
      };
    });
  }
}
