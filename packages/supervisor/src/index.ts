// `@zoryx/supervisor`: run a bot in a worker thread under a supervisor that holds the gateway
// session, so a blocked, crashed or out-of-memory bot is replaced without re-identifying.
import { resolveOptions, type SupervisorOptions } from './options.js';
import { Supervisor } from './supervisor.js';

export type { BackoffOptions } from './backoff.js';
export {
  COMPILE_CACHE_ENV,
  type CompileCacheApi,
  type CompileCacheResult,
  enableCompileCache,
} from './compile-cache.js';
export {
  SupervisorError,
  type SupervisorErrorCode,
  supervisorErrorCatalogue,
} from './errors.js';
export type {
  RestartReason,
  SupervisorEvents,
  WorkerCrashedEvent,
  WorkerRestartedEvent,
  WorkerStalledEvent,
  WorkerStartedEvent,
} from './events.js';
export { DEFAULT_INTENTS, type SupervisorLogger, type SupervisorOptions } from './options.js';
export {
  type BatchMessage,
  type ConnectMessage,
  type DispatchMessage,
  type FailedMessage,
  type FrameMessage,
  type HeartbeatMessage,
  type JsonValue,
  type LoadedMessage,
  type LogMessage,
  PROTOCOL_VERSION,
  type ReadyMessage,
  type ReconnectMessage,
  type SendMessage,
  type SerializedError,
  type ShardEventMessage,
  type ShutdownMessage,
  type StartMessage,
  type StoppedMessage,
  type StreamMessage,
  type SupervisorMessage,
  type WorkerInit,
  type WorkerMessage,
  type WorkerSession,
} from './protocol.js';
export {
  parseFrame,
  parseSupervisorMessage,
  parseWorkerInit,
  parseWorkerMessage,
  serializeError,
} from './protocol-parse.js';
export {
  LAG_BOUNDS_MS,
  type RelayLagHistogram,
  type RelayLagStage,
  type RelayLagStats,
  type RelayLagSummary,
  summarizeLag,
} from './relay-lag.js';
export type { BufferLimits, StreamStats } from './relay-stream.js';
export { type ShardSnapshot, StateCache } from './state/state-cache.js';
export { Supervisor } from './supervisor.js';
export type { RestartOptions, SupervisorStats } from './supervisor-types.js';
export type { WorkerPhase } from './worker-handle.js';

/**
 * Starts a supervised bot: fetches the gateway information, starts the worker running `entry`
 * while the session connects, and resolves once the worker serves. Rejects (and cleans up) with
 * `ZRX_SUPERVISOR_GATEWAY_FAILED` when Discord refuses the session, or
 * `ZRX_SUPERVISOR_WORKER_START_FAILED` when the first worker cannot start; later faults are
 * handled by restarting the worker.
 *
 * @example
 * ```ts
 * const supervisor = await startSupervisor({
 *   entry: new URL('./bot.js', import.meta.url),
 *   token: process.env.DISCORD_TOKEN,
 *   watchdog: { blockedMs: 5_000, memoryMb: 2_048 },
 * });
 * supervisor.on('worker_stalled', (e) => console.warn(`blocked in ${e.activity}`));
 * ```
 */
export async function startSupervisor(options: SupervisorOptions): Promise<Supervisor> {
  const supervisor = new Supervisor(resolveOptions(options));
  await supervisor.start();
  return supervisor;
}
