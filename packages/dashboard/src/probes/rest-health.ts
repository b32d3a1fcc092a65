import type { CheckResult } from './health.js';

/** Discord bans an IP for a while after 10,000 invalid requests (401, 403, 429) in 10 minutes. */
export const INVALID_REQUEST_LIMIT = 10_000;
const INVALID_WINDOW_MS = 10 * 60_000;

/** When the REST check warns or fails; the defaults are what `/readyz` uses. */
export interface RestHealthThresholds {
  /** Consecutive 5xx answers or network failures from which the check fails. Default 5. */
  readonly failAfterConsecutiveFailures: number;
  /** Invalid requests in the current 10-minute window from which it warns. Default 1,000. */
  readonly warnInvalidRequests: number;
  /** … and from which it fails: close to Discord's 10,000 ban. Default 9,000. */
  readonly failInvalidRequests: number;
}

const DEFAULTS: RestHealthThresholds = {
  failAfterConsecutiveFailures: 5,
  warnInvalidRequests: 1_000,
  failInvalidRequests: 9_000,
};

/** The part of @discordjs/rest's REST manager this tracker listens to. */
export interface RestEvents {
  on(event: 'response', listener: (request: unknown, response: ResponseLike) => void): unknown;
  on(
    event: 'rateLimited',
    listener: (info: { global: boolean; retryAfter: number }) => void,
  ): unknown;
  off(event: 'response', listener: (request: unknown, response: ResponseLike) => void): unknown;
  off(
    event: 'rateLimited',
    listener: (info: { global: boolean; retryAfter: number }) => void,
  ): unknown;
  readonly globalRemaining: number;
  readonly globalReset: number;
}

/** What a REST `response` event carries (a clone of the fetch Response). */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null } | Record<string, unknown>;
}

/** A header of a REST response: a fetch `Headers`, or a plain object from a custom `makeRequest`. */
function header(response: ResponseLike, name: string): string | null {
  const { headers } = response;
  if (typeof headers.get === 'function') {
    const value: unknown = Reflect.apply(headers.get, headers, [name]);
    return typeof value === 'string' ? value : null;
  }
  const value: unknown = Reflect.get(headers, name);
  return typeof value === 'string' ? value : null;
}

/**
 * Recent REST health, from the REST manager's own events: consecutive 5xx answers, the global
 * rate limit, and invalid requests (401, 403 and non-shared 429, counted over a fixed 10-minute
 * window as Discord and @discordjs/rest count them). Anything that is not a 5xx ends a failure
 * streak. Network failures raise no REST event, so a dead network shows as the gateway check
 * failing, not here.
 */
export class RestHealth {
  #consecutiveFailures = 0;
  #invalid = 0;
  #windowEnds = 0;
  #globalUntil = 0;
  #last5xx: number | null = null;
  readonly #thresholds: RestHealthThresholds;
  readonly #onResponse = (_request: unknown, response: ResponseLike) => this.record(response);
  readonly #onRateLimited = (info: { global: boolean; retryAfter: number }) => {
    if (info.global) this.#globalUntil = Math.max(this.#globalUntil, Date.now() + info.retryAfter);
  };

  public constructor(
    private readonly rest: RestEvents,
    thresholds: Partial<RestHealthThresholds> = {},
  ) {
    this.#thresholds = { ...DEFAULTS, ...thresholds };
    rest.on('response', this.#onResponse);
    rest.on('rateLimited', this.#onRateLimited);
  }

  /** Counts one answer. */
  public record(response: ResponseLike, now = Date.now()): void {
    // Only status and headers are read: with undici the event's body is the caller's own stream.
    const { status } = response;
    if (status >= 500) {
      this.#consecutiveFailures += 1;
      this.#last5xx = now;
      return;
    }
    this.#consecutiveFailures = 0;
    const shared = header(response, 'x-ratelimit-scope') === 'shared';
    if (status === 401 || status === 403 || (status === 429 && !shared)) {
      if (now >= this.#windowEnds) {
        this.#windowEnds = now + INVALID_WINDOW_MS;
        this.#invalid = 0;
      }
      this.#invalid += 1;
    }
    if (status === 429 && header(response, 'x-ratelimit-global') === 'true') {
      const seconds = Number(header(response, 'retry-after') ?? 1);
      this.#globalUntil = Math.max(this.#globalUntil, now + seconds * 1000);
    }
  }

  /** Invalid requests in the current window (0 once it ended). */
  public invalidRequests(now = Date.now()): number {
    return now >= this.#windowEnds ? 0 : this.#invalid;
  }

  /** The `rest` readiness check: critical, so a failing REST makes `/readyz` answer 503. */
  public check(now = Date.now()): CheckResult {
    const t = this.#thresholds;
    const invalid = this.invalidRequests(now);
    const globallyLimited =
      now < this.#globalUntil || (this.rest.globalRemaining <= 0 && this.rest.globalReset > now);
    const figures = `${this.#consecutiveFailures} consecutive 5xx, ${invalid}/${INVALID_REQUEST_LIMIT} invalid requests in 10 min${globallyLimited ? ', global rate limit' : ''}`;
    let status: CheckResult['status'] = 'pass';
    if (
      this.#consecutiveFailures >= t.failAfterConsecutiveFailures ||
      invalid >= t.failInvalidRequests
    )
      status = 'fail';
    else if (this.#consecutiveFailures > 0 || invalid >= t.warnInvalidRequests || globallyLimited)
      status = 'warn';
    const last = this.#last5xx ? `, last 5xx ${new Date(this.#last5xx).toISOString()}` : '';
    return { name: 'rest', status, critical: true, detail: `${figures}${last}` };
  }

  /** Stops listening (on unload). */
  public close(): void {
    this.rest.off('response', this.#onResponse);
    this.rest.off('rateLimited', this.#onRateLimited);
  }
}
