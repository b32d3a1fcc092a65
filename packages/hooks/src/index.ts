export type { BreakerSnapshot } from './circuit-breaker.js';
export {
  describeError,
  HookError,
  type HookErrorCode,
  type HookErrorOptions,
  hookErrorCatalogue,
} from './errors.js';
export type { HookEvents, SerializedError } from './events.js';
export { HookBus } from './hook-bus.js';
export type { HookBusState, HookStateEntry } from './hook-state.js';
export type { MetricsSnapshot } from './metrics.js';
export type { BreakerOptions, HookBusOptions } from './options.js';
export type * from './types.js';
