import { createHash } from 'node:crypto';

/** A bucket's allowance: `limit` requests per `windowMs`. */
export interface BucketLimit {
  limit: number;
  windowMs: number;
}

/**
 * Rate limits the emulator enforces (all off unless set, so ordinary tests never wait):
 * per-route buckets answered with Discord's headers and 429s, bursts of 429s on demand, and
 * Discord's creation budget (roles and channels per guild per window).
 */
export interface RateLimitOptions {
  /** Every route's bucket (route + major parameter), e.g. `{ limit: 5, windowMs: 5_000 }`. */
  buckets?: BucketLimit | false;
  /** Buckets of single routes, by `'METHOD /pattern'` (e.g. `'POST /guilds/:guild_id/channels'`). */
  routes?: Readonly<Record<string, BucketLimit>>;
  /**
   * Roles and channels a guild may have created per window. Discord's is 250 roles / 500
   * channels per 48 h, answered with a 429 whose `retry_after` lasts until the window frees.
   */
  creationBudget?: { roles: number; channels: number; windowMs: number } | false;
}

/** What the limiter decided for one request. */
export interface RateLimitDecision {
  /** Headers of the answer (`x-ratelimit-*`, `retry-after` on a 429). */
  headers: Record<string, string>;
  /** Set when the request is refused with 429. */
  limited?: { retryAfter: number; global: boolean; scope: 'user' | 'shared' };
}

/** Constant headers when no bucket applies: @discordjs/rest reads them and never waits. */
const UNLIMITED = {
  'x-ratelimit-limit': '50',
  'x-ratelimit-remaining': '49',
  'x-ratelimit-reset-after': '1.000',
};

const MAJOR = ['channel_id', 'guild_id', 'webhook_id', 'interaction_token'];

/** The counters tests read. */
export interface RateLimitStats {
  /** Requests answered 429 so far (buckets, bursts and budget). */
  limited: number;
  /** Of those, refused by the creation budget. */
  budgetRefusals: number;
}

/**
 * The emulator's rate limiter. Buckets are fixed windows keyed by route and major parameter,
 * as Discord's are; each answer carries `x-ratelimit-limit/remaining/reset-after/bucket`, so a
 * discord.js client paces itself, and a request over the limit gets Discord's 429 body
 * (`retry_after` in seconds) and `retry-after` header.
 */
export class RateLimiter {
  #options: RateLimitOptions;
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #creations = new Map<string, number[]>();
  #burst: { remaining: number; retryAfterMs: number } | undefined;
  readonly stats: RateLimitStats = { limited: 0, budgetRefusals: 0 };

  public constructor(
    options: RateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.#options = options;
  }

  /** Replaces the options (counters and windows are kept). */
  public configure(options: RateLimitOptions): void {
    this.#options = options;
  }

  /** The next `count` REST requests are answered 429 with `retryAfterMs` (a 429 storm). */
  public storm(count: number, retryAfterMs: number): void {
    this.#burst = { remaining: count, retryAfterMs };
  }

  /** Decides a request before its handler runs. */
  public take(method: string, pattern: string, params: Record<string, string>): RateLimitDecision {
    if (pattern.startsWith('/cdn/') || pattern.startsWith('/gateway'))
      return { headers: UNLIMITED };
    if (this.#burst && this.#burst.remaining > 0) {
      this.#burst.remaining -= 1;
      return this.#refuse(this.#burst.retryAfterMs, 'user', {});
    }
    const budget = this.#budgetRefusal(method, pattern, params);
    if (budget) return budget;
    const route = `${method} ${pattern}`;
    const limit = this.#options.routes?.[route] ?? (this.#options.buckets || undefined);
    if (!limit) return { headers: UNLIMITED };
    const major = MAJOR.map((key) => params[key]).find((value) => value !== undefined) ?? '';
    const key = `${route}:${major}`;
    const now = this.now();
    let window = this.#windows.get(key);
    if (!window || now - window.start >= limit.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    const resetAfter = (window.start + limit.windowMs - now) / 1000;
    const bucket = createHash('sha1').update(route).digest('hex').slice(0, 16);
    const headers = {
      'x-ratelimit-limit': String(limit.limit),
      'x-ratelimit-bucket': bucket,
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
    };
    if (window.count >= limit.limit) {
      return this.#refuse(resetAfter * 1000, 'user', headers);
    }
    window.count += 1;
    return { headers: { ...headers, 'x-ratelimit-remaining': String(limit.limit - window.count) } };
  }

  /** Counts a successful creation against the guild's budget. */
  public completed(
    method: string,
    pattern: string,
    params: Record<string, string>,
    status: number,
  ): void {
    const kind = creationKind(method, pattern);
    if (!kind || status >= 300) return;
    const key = `${params.guild_id}:${kind}`;
    this.#creations.set(key, [...(this.#creations.get(key) ?? []), this.now()]);
  }

  #budgetRefusal(method: string, pattern: string, params: Record<string, string>) {
    const budget = this.#options.creationBudget;
    const kind = creationKind(method, pattern);
    if (!budget || !kind) return undefined;
    const now = this.now();
    const key = `${params.guild_id}:${kind}`;
    const recent = (this.#creations.get(key) ?? []).filter((at) => now - at < budget.windowMs);
    this.#creations.set(key, recent);
    if (recent.length < (kind === 'role' ? budget.roles : budget.channels)) return undefined;
    this.stats.budgetRefusals += 1;
    return this.#refuse((recent[0] ?? now) + budget.windowMs - now, 'shared', {});
  }

  #refuse(
    retryAfterMs: number,
    scope: 'user' | 'shared',
    headers: Record<string, string>,
  ): RateLimitDecision {
    this.stats.limited += 1;
    const seconds = Math.max(retryAfterMs, 1) / 1000;
    return {
      headers: {
        ...headers,
        'x-ratelimit-remaining': '0',
        'x-ratelimit-scope': scope,
        'retry-after': seconds.toFixed(3),
      },
      limited: { retryAfter: seconds, global: false, scope },
    };
  }
}

function creationKind(method: string, pattern: string): 'role' | 'channel' | undefined {
  if (method !== 'POST') return undefined;
  if (pattern === '/guilds/:guild_id/roles') return 'role';
  if (pattern === '/guilds/:guild_id/channels') return 'channel';
  return undefined;
}

// One limiter per emulated world, created with it: the HTTP server consults it on every request
// and the test API (`discord.rateLimits`) configures it.
const limiters = new WeakMap<object, RateLimiter>();

/** The rate limiter of a world (`owner`), created on first use. */
export function rateLimiterOf(owner: object): RateLimiter {
  let limiter = limiters.get(owner);
  if (!limiter) {
    limiter = new RateLimiter();
    limiters.set(owner, limiter);
  }
  return limiter;
}
