/** A limit of `limit` uses per `windowMs`. */
export interface CooldownRule {
  limit: number;
  windowMs: number;
}

/** The outcome of {@link CooldownTracker.take}. */
export type CooldownResult = { ok: true; remaining: number } | { ok: false; retryAfterMs: number };

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

  /** Forgets every counter of a command (e.g. when its extension unloads). */
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
