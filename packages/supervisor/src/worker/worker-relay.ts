import type { IShardingStrategy, WebSocketManager } from '@discordjs/ws';
import type { WorkerInit, WorkerSession } from '../protocol.js';
import type { RelayLagHistogram, RelayLagStage } from '../relay-lag.js';
import { setActivity } from './activity.js';
import type { RelayChannel } from './relay-channel.js';
import { RelayStrategy } from './relay-strategy.js';

/**
 * The discord.js client options a supervised bot needs: the relay as its gateway, and the
 * intents, shards and REST base of the supervisor's session. Spread them into the client's
 * options (`createBot({ clientOptions: relay.clientOptions() })`, `new Client({ ...relay.clientOptions() })`).
 */
export interface RelayClientOptions {
  intents: number;
  shards: number[];
  shardCount: number;
  ws: { buildStrategy: (manager: WebSocketManager) => IShardingStrategy };
  rest?: { api: string };
}

/** What the entry module's default function receives. */
export interface WorkerRelay {
  /** 1 for the first worker, +1 for every one spawned after it (standbys included). */
  readonly workerId: number;
  /** Why this worker was started: `initial`, or why the previous one was replaced. */
  readonly reason: string;
  /** The spawn data (entry, intents, REST base). */
  readonly init: WorkerInit;
  /** The session the client joins (shards, shard count, gateway information). */
  readonly session: WorkerSession;
  /** Client options wiring discord.js to the supervisor's session; see {@link RelayClientOptions}. */
  clientOptions(): RelayClientOptions;
  /** Same as the `setActivity` export of `@zoryx/supervisor/worker`. */
  setActivity(name: string | null): string | null;
  /**
   * The relay's lag at `stage` of the live events this worker received, counted since it
   * started: counts by bucket (`boundsMs`, with one more count for lags beyond the last), as a
   * metrics exporter in the bot reads them. `arrival`: the event reached this thread;
   * `handoff`: it was handed to discord.js.
   */
  relayLag(stage: RelayLagStage): RelayLagHistogram;
}

/**
 * What the entry's function may return: the running bot. On shutdown the worker calls its
 * `shutdown(reason)` (a Zoryx bot) or else `destroy()` (a discord.js client).
 */
export interface RelayedBot {
  shutdown?(reason: string): unknown;
  destroy?(): unknown;
}

/** Builds the relay handed to the entry. */
export function createWorkerRelay(channel: RelayChannel, reason: string): WorkerRelay {
  const init = channel.init;
  const session = channel.session;
  return {
    workerId: init.workerId,
    reason,
    init,
    session,
    clientOptions: () => ({
      intents: init.intents,
      shards: [...session.shardIds],
      shardCount: session.shardCount,
      ws: { buildStrategy: (manager) => new RelayStrategy(manager, channel) },
      ...(init.apiBase === undefined ? {} : { rest: { api: init.apiBase } }),
    }),
    setActivity,
    relayLag: (stage) => channel.lagHistogram(stage),
  };
}
