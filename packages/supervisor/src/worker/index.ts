// `@zoryx/supervisor/worker`: what code running inside a supervised worker uses. The entry module
// gets a WorkerRelay; framework and loader code records what it runs with setActivity.

export type { RelayLagHistogram, RelayLagStage } from '../relay-lag.js';
export { currentActivity, isSupervised, setActivity } from './activity.js';
export type { RelayChannel, StreamReceiver } from './relay-channel.js';
export type { RelayStrategy } from './relay-strategy.js';
export type { RelayClientOptions, RelayedBot, WorkerRelay } from './worker-relay.js';
