import { type BreakerSettings, CircuitBreaker } from './circuit-breaker.js';
import { HookMetricsRecorder } from './metrics.js';
import type { HookContext } from './types.js';

/** The handler as stored: payload and context are checked at `on`, not here. */
export type StoredHandler = (
  payload: unknown,
  ctx: HookContext<Record<string, unknown>>,
) => unknown;

/** One registered hook with its breaker and metrics. Internal. */
export class HookRecord {
  readonly id: string;
  readonly event: string;
  readonly priority: number;
  readonly timeoutMs: number;
  readonly owner: string | undefined;
  readonly handler: StoredHandler;
  readonly breaker: CircuitBreaker;
  readonly metrics = new HookMetricsRecorder();
  enabled = true;

  constructor(
    init: {
      id: string;
      event: string;
      priority: number;
      timeoutMs: number;
      owner: string | undefined;
      handler: StoredHandler;
    },
    breaker: BreakerSettings,
  ) {
    this.id = init.id;
    this.event = init.event;
    this.priority = init.priority;
    this.timeoutMs = init.timeoutMs;
    this.owner = init.owner;
    this.handler = init.handler;
    this.breaker = new CircuitBreaker(breaker);
  }
}
