import type { SerializedError } from './protocol.js';

/**
 * Why a worker was replaced: asked for (`requested`), its event loop was blocked too long
 * (`blocked`), it ran out of heap (`memory`), an uncaught error ended it (`crashed`), it exited on
 * its own (`exited`), its entry failed to load or start (`entry-failed`), or it did not become
 * ready in time (`start-timeout`).
 */
export type RestartReason =
  | 'requested'
  | 'blocked'
  | 'memory'
  | 'crashed'
  | 'exited'
  | 'entry-failed'
  | 'start-timeout';

/** A worker became ready and serves events. */
export interface WorkerStartedEvent {
  workerId: number;
  /** `initial` for the first worker, else why the previous one was replaced. */
  reason: 'initial' | RestartReason;
  /** Whether it was a standby worker (spawned ahead, entry already imported). */
  standby: boolean;
  /** From spawning the thread to its `ready`, ms (supervisor's clock). */
  spawnToReadyMs: number;
  /** From telling it to start to its `ready`, ms: for a standby, the time a restart costs. */
  startToReadyMs: number;
  /** From the start message to the entry's function resolving, ms (worker's clock). */
  bootMs: number;
}

/** The watchdog found a worker's event loop blocked; the worker is terminated next. */
export interface WorkerStalledEvent {
  workerId: number;
  /** How long, at least, the loop had not turned when the watchdog acted, ms. */
  blockedMs: number;
  /**
   * The limit it passed: `watchdog.blockedMs`, or `startBlockedMs` for a worker that had not
   * served yet and was blocked outside any activity (the framework's boot work).
   */
  limitMs: number;
  /** What the worker said it was running (`setActivity`), or null. */
  activity: string | null;
}

/** A worker ended without being asked to: a fault. */
export interface WorkerCrashedEvent {
  workerId: number;
  reason: Exclude<RestartReason, 'requested'>;
  /** The error, for `crashed`, `memory` and `entry-failed`. */
  error?: SerializedError;
  /** The thread's exit code, for `exited`. */
  exitCode?: number;
  /** What the worker said it was running when it ended, or null. */
  activity: string | null;
  /** How long it had served, ms (0 if it never became ready). */
  servedMs: number;
}

/** A replacement worker serves. */
export interface WorkerRestartedEvent {
  workerId: number;
  previousWorkerId: number;
  reason: RestartReason;
  /** The text given to `restartWorker(detail)`, for `requested`. */
  detail?: string;
  /** From the old worker ceasing to serve to the new one serving, ms. */
  downtimeMs: number;
  /** The backoff waited before spawning, ms. */
  backoffMs: number;
  /** Events the old worker never consumed, replayed to the new one. */
  replayed: number;
}

/** Events of a {@link Supervisor}, for logging and fault attribution. */
export interface SupervisorEvents {
  worker_started: [WorkerStartedEvent];
  worker_stalled: [WorkerStalledEvent];
  worker_crashed: [WorkerCrashedEvent];
  worker_restarted: [WorkerRestartedEvent];
}
