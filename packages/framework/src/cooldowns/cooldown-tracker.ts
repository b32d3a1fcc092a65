import {
  type SharedRateStore,
  type SharedStoreOptions,
  SharedWindows,
} from '../intake/shared-rate-store.js';

/** A limit of `limit` uses per `windowMs`. */
export interface CooldownRule {
  limit: number;
  windowMs: number;
}

/** The outcome of {@link CooldownTracker.take}. */
export type CooldownResult = { ok: true; remaining: number } | { ok: false; retryAfterMs: number };

/** A result now (no shared store) or once the shared store answered. */
export type CooldownAnswer = CooldownResult | Promise<CooldownResult>;

/**
 * Fixed-window use counters keyed by command and user. The clock is injectable so tests step
 * time instead of sleeping. Expired windows are swept lazily, so memory stays bounded by the
 * number of (command, user) pairs active within one window.
 *
 * Hand-written rather than Sapphire's `Cooldown` precondition (`@sapphire/ratelimits`): that one
 * bakes the limit into each command when it is constructed and reads `Date.now()`, while ours
 * reads the current config (per-command overrides change on reload) and takes a test clock.
 */
export class CooldownTracker {
  private readonly windows = new Map<string, { start: number; used: number; windowMs: number }>();
  private lastSweep = 0;
  private shared: SharedWindows | undefined;

  public constructor(private readonly clock: () => number = Date.now) {}

  /** Counts one use of `command` by `user` under `rule`, or says how long to wait. */
  public take(command: string, user: string, rule: CooldownRule): CooldownResult {
    const now = this.clock();
    this.sweep(now);
    const key = `${command}\u0000${user}`;
    let window = this.windows.get(key);
    if (!window || now - window.start >= window.windowMs) {
      window = { start: now, used: 0, windowMs: rule.windowMs };
      this.windows.set(key, window);
    }
    if (window.used >= rule.limit) {
      return { ok: false, retryAfterMs: window.start + window.windowMs - now };
    }
    window.used += 1;
    return { ok: true, remaining: rule.limit - window.used };
  }

  /**
   * Shares the counters with the bot's other processes through `store` (undefined: this
   * process only again); {@link CooldownTracker.check} then awaits it and counts here when it
   * fails. {@link CooldownTracker.take} stays local.
   */
  public useStore(store: SharedRateStore | undefined, options: SharedStoreOptions = {}): void {
    this.shared = store === undefined ? undefined : new SharedWindows(store, options, this.clock);
  }

  /**
   * {@link CooldownTracker.take}, shared with the other processes when a store is in use (then
   * a promise; otherwise the result itself).
   */
  public check(command: string, user: string, rule: CooldownRule): CooldownAnswer {
    const shared = this.shared;
    if (shared === undefined) return this.take(command, user, rule);
    return shared.hit(`cooldown:${command}:${user}`, rule.windowMs).then((hit): CooldownResult => {
      if (hit === undefined) return this.take(command, user, rule);
      return hit.count <= rule.limit
        ? { ok: true, remaining: rule.limit - hit.count }
        : { ok: false, retryAfterMs: hit.resetInMs };
    });
  }

  /**
   * Forgets every counter of a command in this process (shared counters end with their window) (e.g. when its extension unloads). */
  public forget(command: string): void {
    const prefix = `${command}\u0000`;
    for (const key of this.windows.keys()) if (key.startsWith(prefix)) this.windows.delete(key);
  }

  /** Number of live counters. */
  public get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) {
      if (now - window.start >= window.windowMs) this.windows.delete(key);
    }
  }
}
