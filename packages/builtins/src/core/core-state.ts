import { DEFAULT_VIEW_TIMEOUT_MS, type ViewOptions } from '../shared/view.js';

/**
 * What the core commands share with the extension's `setup`: set on each load, so the values
 * belong to the running version (a reload evaluates the module afresh).
 */
export interface CoreState {
  /** Idle time of interactive views. */
  viewTimeoutMs: number;
  /** Uses per command since this load (the all-time counts live in the main database). */
  readonly sessionUses: Map<string, number>;
  /** The running load's `ctx.signal`: views end when the extension unloads. */
  signal: AbortSignal | undefined;
}

/** The state of the running core extension. */
export const coreState: CoreState = {
  viewTimeoutMs: DEFAULT_VIEW_TIMEOUT_MS,
  sessionUses: new Map(),
  signal: undefined,
};

/** View options of the core commands: the configured timeout, ending on unload. */
export function coreViewOptions(): ViewOptions {
  return {
    timeoutMs: coreState.viewTimeoutMs,
    ...(coreState.signal ? { signal: coreState.signal } : {}),
  };
}
