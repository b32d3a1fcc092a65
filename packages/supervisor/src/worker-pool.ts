// The workers the supervisor has: the current one, and a standby spawned ahead of need (its entry
// imported, waiting for `start`), which a restart activates instead of paying for module loading.

import { SupervisorError } from './errors.js';
import type { GatewayLayout } from './gateway-session.js';
import type { ResolvedOptions } from './options.js';
import { PROTOCOL_VERSION, type WorkerMessage, type WorkerSession } from './protocol.js';
import { type WorkerEnd, WorkerHandle, type WorkerObserver } from './worker-handle.js';

/** How long after a worker starts serving its standby is spawned (not to compete with its boot). */
const STANDBY_DELAY_MS = 1_000;
/**
 * How long after a restart activated the standby the next one is spawned, serving or not: a
 * worker that fails during its boot (an extension spinning in setup) must find a standby too,
 * not pay for a whole fresh thread. Short, but after the activated worker's first busy moment.
 */
const STANDBY_AFTER_RESTART_MS = 300;

/** What the pool reports about the current worker (standby events it handles itself). */
export interface PoolObserver {
  message(handle: WorkerHandle, message: WorkerMessage): void;
  ended(handle: WorkerHandle, end: WorkerEnd): void;
  invalid(handle: WorkerHandle, problem: string): void;
}

/** See the file comment. */
export class WorkerPool {
  /** The worker that is starting or serving, or null between workers. */
  public current: WorkerHandle | null = null;
  #standby: WorkerHandle | null = null;
  #standbyTimer: NodeJS.Timeout | undefined;
  #spawned = 0;
  readonly #options: ResolvedOptions;
  readonly #observer: PoolObserver;
  #session: WorkerSession | undefined;

  /** Creates an empty pool. */
  public constructor(options: ResolvedOptions, observer: PoolObserver) {
    this.#options = options;
    this.#observer = observer;
  }

  /**
   * Spawns the first worker before the session is known (the supervisor still asks Discord for
   * the gateway): it loads its entry meanwhile and is started by {@link WorkerPool.launch}.
   */
  public prespawn(): void {
    this.#standby ??= this.#spawn();
  }

  /** The session workers are started into (once GET /gateway/bot answered). */
  public setLayout(layout: GatewayLayout): void {
    const limit = layout.info.session_start_limit;
    this.#session = {
      shardIds: layout.shardIds,
      shardCount: layout.shardCount,
      // The worker's manager checks it may start its shards; it never IDENTIFYs, so it may.
      gatewayInfo: {
        ...layout.info,
        session_start_limit: {
          ...limit,
          remaining: Math.max(limit.remaining, layout.shardIds.length),
        },
      },
    };
  }

  /** Workers spawned so far (standbys included). */
  public get spawned(): number {
    return this.#spawned;
  }

  /** The standby worker, if one is waiting. */
  public get standby(): WorkerHandle | null {
    return this.#standby;
  }

  /**
   * Makes a worker current and starts it: the standby if there is one (unless `fresh`), else a
   * new thread.
   */
  public launch(reason: string, fresh = false): WorkerHandle {
    if (fresh) this.dropStandby();
    const session = this.#session;
    if (!session) {
      throw new SupervisorError(
        'ZRX_SUPERVISOR_CLOSED',
        'A worker was launched before the gateway session was known.',
        'This is a bug in @zoryx/supervisor: please report it.',
      );
    }
    const handle = this.#standby ?? this.#spawn();
    // The first worker, spawned ahead of the session, is not a standby in the restart sense.
    handle.fromStandby = handle === this.#standby && reason !== 'initial';
    this.#standby = null;
    clearTimeout(this.#standbyTimer);
    this.#standbyTimer = undefined;
    handle.activate(reason, session);
    this.current = handle;
    if (reason !== 'initial') this.scheduleStandby(STANDBY_AFTER_RESTART_MS);
    return handle;
  }

  /**
   * Spawns a standby `delayMs` later (default: a second, for a worker that just started serving),
   * if enabled and none is there or already scheduled.
   */
  public scheduleStandby(delayMs = STANDBY_DELAY_MS): void {
    if (!this.#options.standby || this.#standby || this.#standbyTimer) return;
    this.#standbyTimer = setTimeout(() => {
      this.#standbyTimer = undefined;
      if (!this.#standby) this.#standby = this.#spawn();
    }, delayMs);
    this.#standbyTimer.unref();
  }

  /** Terminates the standby (e.g. before a fresh start, or on close). */
  public dropStandby(): void {
    clearTimeout(this.#standbyTimer);
    this.#standbyTimer = undefined;
    const standby = this.#standby;
    this.#standby = null;
    if (standby) void standby.terminate('standby dropped');
  }

  /** The watchdog's look at the standby: one blocked for too long is replaced later. */
  public checkStandby(now: number): void {
    const standby = this.#standby;
    if (!standby || standby.blockedFor(now) <= this.#options.startBlockedMs) return;
    this.#options.logger.warn(
      { code: 'ZRX_SUPERVISOR_WORKER_STALLED', workerId: standby.id },
      'the standby worker blocked its event loop while loading: dropped',
    );
    this.dropStandby();
  }

  #spawn(): WorkerHandle {
    const handle = new WorkerHandle(
      {
        v: PROTOCOL_VERSION,
        entry: this.#options.entry,
        workerId: ++this.#spawned,
        intents: this.#options.intents,
        ...(this.#options.apiBase === undefined ? {} : { apiBase: this.#options.apiBase }),
      },
      this.#options,
      this.#handleObserver,
    );
    return handle;
  }

  // Messages and ends of a standby stay here: it is not serving, so only its failures matter.
  readonly #handleObserver: WorkerObserver = {
    message: (handle, message) => {
      if (handle !== this.#standby) {
        this.#observer.message(handle, message);
        return;
      }
      if (message.t === 'failed') {
        this.#options.logger.warn(
          {
            code: 'ZRX_SUPERVISOR_WORKER_CRASHED',
            workerId: handle.id,
            error: message.error.message,
          },
          'the standby worker could not load the entry: dropped (the next restart starts a fresh worker)',
        );
        this.dropStandby();
      } else if (message.t === 'log') {
        this.#observer.message(handle, message);
      }
    },
    ended: (handle, end) => {
      if (handle === this.#standby) {
        this.#standby = null;
        this.#options.logger.warn(
          { code: 'ZRX_SUPERVISOR_WORKER_CRASHED', workerId: handle.id, end },
          'the standby worker ended: the next restart starts a fresh worker',
        );
        return;
      }
      this.#observer.ended(handle, end);
    },
    invalid: (handle, problem) => this.#observer.invalid(handle, problem),
  };
}
