import type { RestartReason, WorkerRestartedEvent } from './events.js';
import type { RelayLagStats } from './relay-lag.js';
import type { StreamStats } from './relay-stream.js';
import type { WorkerPhase } from './worker-handle.js';

/** A snapshot of the supervisor's state, from {@link Supervisor.stats}. */
export interface SupervisorStats {
  state: 'starting' | 'running' | 'closing' | 'closed';
  /** The current worker (heap and activity as last reported), or null between workers. */
  worker: {
    id: number;
    phase: WorkerPhase;
    servingMs: number;
    heapUsed: number;
    heapLimit: number;
    activity: string | null;
  } | null;
  /** The standby worker, if one waits (`loaded`: its entry is imported). */
  standby: { id: number; loaded: boolean } | null;
  /** Worker threads spawned so far, standbys included. */
  workersSpawned: number;
  restarts: { total: number; byReason: Partial<Record<RestartReason, number>> };
  lastRestart: WorkerRestartedEvent | null;
  /** The event stream: buffered, in flight, dropped, replayed, delivered. */
  stream: StreamStats;
  /**
   * The relay's lag since the start, from the gateway socket's frame to its arrival in the
   * worker's thread (`arrival`: the relay's own hop) and to its handoff to discord.js (`handoff`:
   * plus the wait behind earlier events in the worker), as workers reported it (every 500 ms).
   * Events replayed after a restart count with their wait.
   */
  relayLag: RelayLagStats;
  /** What the state cache holds. */
  cache: { guilds: number; members: number };
  shards: { shardIds: number[]; shardCount: number } | null;
}

/** Options of {@link Supervisor.restartWorker}. */
export interface RestartOptions {
  /** Shown in logs and in the `worker_restarted` event. */
  detail?: string;
  /**
   * Start a new thread instead of activating the standby, so changed modules (the entry, the
   * framework) are imported anew. Extensions are compiled at boot either way.
   */
  fresh?: boolean;
}
