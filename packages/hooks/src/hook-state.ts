import type { BreakerSnapshot } from './circuit-breaker.js';
import { HookError } from './errors.js';
import type { HookRecord } from './hook-record.js';
import type { MetricsSnapshot } from './metrics.js';

/** Saved state of one hook: enabled flag, breaker and metrics. */
export interface HookStateEntry {
  readonly enabled: boolean;
  readonly breaker: BreakerSnapshot;
  readonly metrics: MetricsSnapshot;
}

/**
 * What `HookBus#exportState` returns and `importState` accepts: plain JSON, keyed by hook id.
 * Times inside are relative (ages, remaining ms), so it can cross clocks and processes.
 */
export interface HookBusState {
  readonly version: 1;
  readonly hooks: Readonly<Record<string, HookStateEntry>>;
}

function bad(path: string, expected: string): HookError {
  return new HookError(
    'ZRX_HOOK_INVALID_STATE',
    `state${path} must be ${expected}`,
    'Pass an object produced by HookBus#exportState() (version 1), unchanged.',
    { argument: 'state' },
  );
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw bad(path, 'an object');
  }
  return value as Record<string, unknown>;
}

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw bad(path, 'a finite number >= 0');
  }
  return value;
}

function counts(value: unknown, path: string): number[] {
  if (!Array.isArray(value)) throw bad(path, 'an array of numbers');
  return value.map((v, i) => count(v, `${path}[${i}]`));
}

function entry(value: unknown, path: string): HookStateEntry {
  const e = record(value, path);
  if (typeof e.enabled !== 'boolean') throw bad(`${path}.enabled`, 'a boolean');
  const b = record(e.breaker, `${path}.breaker`);
  if (b.state !== 'closed' && b.state !== 'open' && b.state !== 'half-open') {
    throw bad(`${path}.breaker.state`, "'closed', 'open' or 'half-open'");
  }
  const m = record(e.metrics, `${path}.metrics`);
  let lastError: MetricsSnapshot['lastError'] = null;
  if (m.lastError !== null) {
    const le = record(m.lastError, `${path}.metrics.lastError`);
    if (typeof le.message !== 'string') throw bad(`${path}.metrics.lastError.message`, 'a string');
    if (typeof le.at !== 'number') throw bad(`${path}.metrics.lastError.at`, 'a number');
    lastError = { message: le.message, at: le.at };
  }
  return {
    enabled: e.enabled,
    breaker: {
      state: b.state,
      failureAgesMs: counts(b.failureAgesMs, `${path}.breaker.failureAgesMs`),
      openRemainingMs: count(b.openRemainingMs, `${path}.breaker.openRemainingMs`),
    },
    metrics: {
      calls: count(m.calls, `${path}.metrics.calls`),
      successes: count(m.successes, `${path}.metrics.successes`),
      failures: count(m.failures, `${path}.metrics.failures`),
      timeouts: count(m.timeouts, `${path}.metrics.timeouts`),
      skippedOpen: count(m.skippedOpen, `${path}.metrics.skippedOpen`),
      skippedDisabled: count(m.skippedDisabled, `${path}.metrics.skippedDisabled`),
      durationsMs: counts(m.durationsMs, `${path}.metrics.durationsMs`),
      lastError,
    },
  };
}

/** Validates untrusted state (e.g. read back from JSON) and returns a clean copy. */
export function parseHookBusState(value: unknown): HookBusState {
  const state = record(value, '');
  if (state.version !== 1) throw bad('.version', '1');
  const hooks = record(state.hooks, '.hooks');
  const out: Record<string, HookStateEntry> = {};
  for (const [id, e] of Object.entries(hooks)) out[id] = entry(e, `.hooks[${JSON.stringify(id)}]`);
  return { version: 1, hooks: out };
}

/** The state of a live hook, relative to `now`. */
export function snapshotHook(hook: HookRecord, now: number): HookStateEntry {
  return {
    enabled: hook.enabled,
    breaker: hook.breaker.snapshot(now),
    metrics: hook.metrics.snapshot(),
  };
}

/** Puts saved state onto a live hook, rebased on `now`. */
export function applyHookState(hook: HookRecord, entry: HookStateEntry, now: number): void {
  hook.enabled = entry.enabled;
  hook.breaker.restore(entry.breaker, now);
  hook.metrics.restore(entry.metrics);
}
