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

/** What `makeRequest` of @discordjs/rest's options does: one HTTP request, one answer. */
export type MakeRequest<Init> = (url: string, init: Init) => Promise<ResponseLike>;

/** The part of @discordjs/rest's REST manager this tracker uses. */
export interface RestEvents<Init = unknown> {
  on(
    event: 'rateLimited',
    listener: (info: { global: boolean; retryAfter: number }) => void,
  ): unknown;
  off(
    event: 'rateLimited',
    listener: (info: { global: boolean; retryAfter: number }) => void,
  ): unknown;
  /** Read by the REST manager on every request, so a wrapped `makeRequest` sees every attempt. */
  readonly options: { makeRequest: MakeRequest<Init> };
  readonly globalRemaining: number;
  readonly globalReset: number;
}

/** What `makeRequest` answers: a fetch `Response`, or a look-alike from a custom one. */
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

/** What a failed request threw, for the check's detail: the system code if there is one. */
function failureName(error: unknown): string {
  const code = (value: unknown): string | undefined => {
    const found: unknown =
      typeof value === 'object' && value !== null ? Reflect.get(value, 'code') : undefined;
    return typeof found === 'string' ? found : undefined;
  };
  const cause: unknown =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'cause') : undefined;
  return code(cause) ?? code(error) ?? (error instanceof Error ? error.name : 'error');
}

/**
 * Recent REST health: consecutive failed attempts (5xx answers and network failures: refused,
 * reset, timed out), the global rate limit, and invalid requests (401, 403 and non-shared 429,
 * counted over a fixed 10-minute window as Discord and @discordjs/rest count them). Anything
 * else ends a failure streak.
 *
 * It wraps the REST manager's `makeRequest` option rather than listening to its `response`
 * event: a network failure raises no event at all, and for that event the manager copies every
 * answer (a spread of Node's default undici answer, cheap; but `Response.clone()` — a body tee,
 * ~65 µs of CPU per response measured — when `makeRequest` is `fetch`, as on Bun or Deno or when
 * configured). The wrapper reads the status and headers of the real answer and sees the errors.
 */
export class RestHealth {
  #consecutiveFailures = 0;
  #invalid = 0;
  #windowEnds = 0;
  #globalUntil = 0;
  #last5xx: number | null = null;
  #lastNetworkFailure: { at: number; name: string } | null = null;
  #closed = false;
  readonly #thresholds: RestHealthThresholds;
  readonly #restore: () => void;
  readonly #onRateLimited = (info: { global: boolean; retryAfter: number }) => {
    if (info.global) this.#globalUntil = Math.max(this.#globalUntil, Date.now() + info.retryAfter);
  };

  public constructor(
    private readonly rest: RestEvents<never>,
    thresholds: Partial<RestHealthThresholds> = {},
  ) {
    this.#thresholds = { ...DEFAULTS, ...thresholds };
    rest.on('rateLimited', this.#onRateLimited);
    const options = rest.options;
    const original = options.makeRequest;
    const wrapped: typeof original = async (url, init) => {
      if (this.#closed) return original(url, init);
      let response: ResponseLike;
      try {
        response = await original(url, init);
      } catch (error) {
        this.recordFailure(error);
        throw error;
      }
      this.record(response);
      return response;
    };
    options.makeRequest = wrapped;
    this.#restore = () => {
      // Someone wrapped it after us: leave theirs in place; ours now only passes through.
      if (options.makeRequest === wrapped) options.makeRequest = original;
    };
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

  /** Counts one attempt that got no answer (refused, reset, timed out, aborted). */
  public recordFailure(error: unknown, now = Date.now()): void {
    this.#consecutiveFailures += 1;
    this.#lastNetworkFailure = { at: now, name: failureName(error) };
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
    const figures = `${this.#consecutiveFailures} consecutive 5xx/network failures, ${invalid}/${INVALID_REQUEST_LIMIT} invalid requests in 10 min${globallyLimited ? ', global rate limit' : ''}`;
    let status: CheckResult['status'] = 'pass';
    if (
      this.#consecutiveFailures >= t.failAfterConsecutiveFailures ||
      invalid >= t.failInvalidRequests
    )
      status = 'fail';
    else if (this.#consecutiveFailures > 0 || invalid >= t.warnInvalidRequests || globallyLimited)
      status = 'warn';
    const last5xx = this.#last5xx ? `, last 5xx ${new Date(this.#last5xx).toISOString()}` : '';
    const network = this.#lastNetworkFailure;
    const lastNetwork = network
      ? `, last network failure ${new Date(network.at).toISOString()} (${network.name})`
      : '';
    return { name: 'rest', status, critical: true, detail: `${figures}${last5xx}${lastNetwork}` };
  }

  /** Stops listening (on unload). */
  public close(): void {
    this.#closed = true;
    this.#restore();
    this.rest.off('rateLimited', this.#onRateLimited);
  }
}
