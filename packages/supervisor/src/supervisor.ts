// The supervisor: owns what must never die (the gateway session, the state cache, the event
// buffer) and runs the bot in a worker thread it replaces when it blocks, crashes, exits or runs
// out of memory, without ever re-identifying.
import { EventEmitter } from 'node:events';
import { Backoff } from './backoff.js';
import { describeError, SupervisorError } from './errors.js';
import { EventRouter } from './event-router.js';
import type { RestartReason, SupervisorEvents, WorkerRestartedEvent } from './events.js';
import { type GatewayLayout, GatewaySession } from './gateway-session.js';
import type { ResolvedOptions } from './options.js';
import type { SerializedError, WorkerMessage } from './protocol.js';
import type { RelayLagHistogram, RelayLagStage } from './relay-lag.js';
import { onTermination } from './signals.js';
import type { RestartOptions, SupervisorStats } from './supervisor-types.js';
import type { WorkerEnd, WorkerHandle } from './worker-handle.js';
import { WorkerPool } from './worker-pool.js';

interface PendingRestart {
  reason: RestartReason;
  detail?: string;
  previousWorkerId: number;
  stoppedServingAt: number;
  backoffMs: number;
  replayed: number;
}

/** One event with its payload, as `emit` takes them. */
type EventArgs = {
  [K in keyof SupervisorEvents]: [K, ...SupervisorEvents[K]];
}[keyof SupervisorEvents];

type Fault = [Exclude<RestartReason, 'requested'>, { error?: SerializedError; exitCode?: number }];

/**
 * A running supervisor. Create it with {@link startSupervisor}; listen to `worker_started`,
 * `worker_stalled`, `worker_crashed` and `worker_restarted` for faults and timings.
 */
export class Supervisor extends EventEmitter<SupervisorEvents> {
  readonly #options: ResolvedOptions;
  #gateway: GatewaySession | undefined;
  readonly #router: EventRouter;
  readonly #backoff: Backoff;
  #layout: GatewayLayout | undefined;
  #pool: WorkerPool | undefined;
  #state: SupervisorStats['state'] = 'starting';
  #everServed = false;
  #pending: PendingRestart | null = null;
  #restartTimer: NodeJS.Timeout | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  #waiters = new Set<{ resolve: () => void; reject: (error: Error) => void }>();
  #restarts = { total: 0, byReason: {} as Partial<Record<RestartReason, number>> };
  #lastRestart: WorkerRestartedEvent | null = null;
  #closing: Promise<void> | undefined;
  #restarting: Promise<void> | undefined;
  #removeSignals: () => void = () => undefined;
  #dropsLogged = 0;

  /** @internal Use {@link startSupervisor}. */
  public constructor(options: ResolvedOptions) {
    super();
    this.#options = options;
    this.#backoff = new Backoff(options.backoff);
    const log = options.logger;
    this.#router = new EventRouter(options.buffer, options.waitGuildTimeoutMs, (item, dropped) => {
      // The first drop of a burst is worth a line; then one per 1,000.
      if (this.#dropsLogged !== 0 && dropped - this.#dropsLogged < 1_000) return;
      this.#dropsLogged = dropped;
      const m = item.message;
      log.warn(
        {
          code: 'ZRX_SUPERVISOR_BUFFER_OVERFLOW',
          dropped,
          event: m.t === 'shard' ? m.event : item.event,
        },
        'event buffer full: dropped the oldest event(s) while no worker was serving',
      );
    });
  }

  /**
   * @internal Starts the first worker and connects the gateway, at once: the worker is spawned
   * first and loads its entry (discord.js, the bot) while this thread loads `@discordjs/ws`,
   * asks Discord for the gateway and identifies; it is started once the session's layout is known.
   */
  public async start(): Promise<void> {
    const log = this.#options.logger;
    try {
      const pool = new WorkerPool(this.#options, {
        message: (handle, message) => this.#onMessage(handle, message),
        ended: (handle, end) => this.#retire(handle, ...classify(end)),
        invalid: (handle, problem) =>
          log.error({ code: 'ZRX_SUPERVISOR_PROTOCOL_INVALID', workerId: handle.id }, problem),
      });
      this.#pool = pool;
      pool.prespawn();
      this.#watchdog = setInterval(() => this.#check(), Math.min(100, this.#options.blockedMs / 4));
      this.#watchdog.unref();
      const gateway = await GatewaySession.create(this.#options, {
        dispatch: (shardId, payload) => this.#router.dispatch(shardId, payload),
        frame: (shardId, frame) => this.#router.frame(shardId, frame),
        shard: (shardId, event) => this.#router.shardEvent(shardId, event),
        debug: (shardId, message) => log.debug({ shardId }, message),
      });
      this.#gateway = gateway;
      this.#layout = await gateway.prepare();
      pool.setLayout(this.#layout);
      if (this.#state !== 'starting') {
        throw new SupervisorError(
          'ZRX_SUPERVISOR_CLOSED',
          'The supervisor was closed while it started.',
          'Nothing to do: it was asked to.',
        );
      }
      pool.launch('initial');
      await Promise.all([gateway.connect(), this.#untilServing()]);
    } catch (error) {
      await this.close('start failed');
      throw error;
    }
    this.#state = 'running';
    if (this.#options.handleSignals) {
      this.#removeSignals = onTermination(() => {
        void this.close('signal').finally(() => process.exit(0));
      });
    }
  }

  /**
   * Replaces the worker gracefully (the bot's `shutdown()`, then the standby or a new worker from
   * the cached session); resolves once the new one serves. The session is kept: no IDENTIFY.
   */
  public restartWorker(options: RestartOptions = {}): Promise<void> {
    this.#restarting ??= this.#restart(options).finally(() => {
      this.#restarting = undefined;
    });
    return this.#restarting;
  }

  async #restart({ detail, fresh = false }: RestartOptions): Promise<void> {
    const pool = this.#pool;
    if (this.#state !== 'running' || !pool) {
      throw new SupervisorError(
        'ZRX_SUPERVISOR_CLOSED',
        `restartWorker() while the supervisor is ${this.#state}.`,
        'Call it after startSupervisor() resolved and before close().',
      );
    }
    const old = pool.current;
    const stoppedServingAt = performance.now();
    clearTimeout(this.#restartTimer);
    pool.current = null;
    let replayed = 0;
    if (old) {
      await this.#stopGracefully(old, detail ?? 'restart requested');
      replayed = this.#router.detach(old.acknowledged());
      if (this.#state !== 'running') return;
    }
    const pending = this.#pending;
    this.#pending = {
      reason: 'requested',
      ...(detail === undefined ? {} : { detail }),
      previousWorkerId: old?.id ?? pending?.previousWorkerId ?? 0,
      stoppedServingAt: pending?.stoppedServingAt ?? stoppedServingAt,
      backoffMs: 0,
      replayed: replayed + (pending?.replayed ?? 0),
    };
    pool.launch('requested', fresh);
    await this.#untilServing();
  }

  /** Counters and the current worker, for diagnostics. */
  public stats(): SupervisorStats {
    const w = this.#pool?.current;
    const standby = this.#pool?.standby;
    return {
      state: this.#state,
      worker: w
        ? {
            id: w.id,
            phase: w.phase,
            servingMs: w.servingAt === undefined ? 0 : performance.now() - w.servingAt,
            heapUsed: w.heapUsed,
            heapLimit: w.heapLimit,
            activity: w.activity(),
          }
        : null,
      standby: standby ? { id: standby.id, loaded: standby.loaded } : null,
      workersSpawned: this.#pool?.spawned ?? 0,
      restarts: { total: this.#restarts.total, byReason: { ...this.#restarts.byReason } },
      lastRestart: this.#lastRestart,
      stream: this.#router.stats(),
      relayLag: this.#router.lag.summary(),
      cache: this.#router.cache.counts(),
      shards: this.#layout
        ? { shardIds: this.#layout.shardIds, shardCount: this.#layout.shardCount }
        : null,
    };
  }

  /**
   * The relay's lag since the start — from the gateway socket's frame to its arrival in the
   * worker (`'arrival'`) or to the worker handing it to discord.js (`'handoff'`, the default),
   * every live event of every worker — as counts by bucket (for a metrics exporter, or to compare
   * two moments: subtract the counts). Workers report every 500 ms.
   */
  public relayLagHistogram(stage: RelayLagStage = 'handoff'): RelayLagHistogram {
    return this.#router.lag[stage].histogram();
  }

  /**
   * Shuts down: the worker gets `shutdown(reason)` (at most `shutdownTimeoutMs`), then the gateway
   * session is closed. Idempotent.
   */
  public close(reason = 'supervisor closed'): Promise<void> {
    this.#closing ??= this.#close(reason);
    return this.#closing;
  }

  async #close(reason: string): Promise<void> {
    this.#state = 'closing';
    clearTimeout(this.#restartTimer);
    clearInterval(this.#watchdog);
    this.#removeSignals();
    const worker = this.#pool?.current;
    if (this.#pool) this.#pool.current = null;
    this.#pool?.dropStandby();
    if (worker && !worker.ended) await this.#stopGracefully(worker, reason);
    const lost = this.#router.stats().buffered;
    if (lost > 0) this.#options.logger.info({ lost }, 'closed with events no worker received');
    this.#router.close();
    await this.#gateway?.destroy().catch(() => undefined);
    this.#state = 'closed';
    this.#settleWaiters(
      new SupervisorError(
        'ZRX_SUPERVISOR_CLOSED',
        'The supervisor closed.',
        'Nothing to do: it was asked to.',
      ),
    );
  }

  #onMessage(handle: WorkerHandle, message: WorkerMessage): void {
    const log = this.#options.logger;
    if (message.t === 'stopped') {
      void handle.terminate('stopped');
      return;
    }
    if (message.t === 'log') {
      log[message.level]({ workerId: handle.id, ...message.data }, message.msg);
      return;
    }
    // Counted from any worker: a retiring one's last heartbeat carries events it handled.
    if (message.t === 'heartbeat' && message.lag) this.#router.lag.add(message.lag);
    if (handle !== this.#pool?.current) return;
    switch (message.t) {
      case 'connect':
        void this.#sync(handle, message.shardIds);
        break;
      case 'send':
        if (!this.#gateway?.send(message.shardId, message.payload)) {
          log.warn(
            {
              code: 'ZRX_SUPERVISOR_SEND_REFUSED',
              workerId: handle.id,
              op: message.payload.op,
              shardId: message.shardId,
            },
            'refused a gateway send from the worker (only presence, voice state and member requests may be sent, on held shards)',
          );
        }
        break;
      case 'reconnect':
        void this.#reconnectShard(handle, message.shardId);
        break;
      case 'ready':
        this.#onReady(handle, message.bootMs);
        break;
      case 'failed':
        this.#retire(handle, 'entry-failed', { error: message.error });
        break;
      default:
        break;
    }
  }

  /** The worker's `reconnect`: one shard closed and RESUMEd (no IDENTIFY); refused if not held. */
  async #reconnectShard(handle: WorkerHandle, shardId: number): Promise<void> {
    const log = this.#options.logger;
    const done = await this.#gateway?.reconnect(shardId).catch((error: unknown) => {
      log.warn({ workerId: handle.id, shardId, err: error }, 'reconnecting a shard failed');
      return false;
    });
    if (done) log.info({ workerId: handle.id, shardId }, 'shard reconnecting (RESUME)');
    else
      log.warn(
        { code: 'ZRX_SUPERVISOR_SEND_REFUSED', workerId: handle.id, shardId },
        'refused to reconnect a shard the session does not hold',
      );
  }

  async #sync(handle: WorkerHandle, shardIds: number[]): Promise<void> {
    const held = this.#layout?.shardIds ?? [];
    const wanted = shardIds.filter((id) => held.includes(id));
    await this.#router.whenBootstrapped(wanted);
    if (handle !== this.#pool?.current || handle.ended) return;
    for (const message of this.#router.snapshot(wanted)) handle.postStream(message);
    if (handle.phase === 'starting') handle.phase = 'syncing';
  }

  #onReady(handle: WorkerHandle, bootMs: number): void {
    const now = performance.now();
    handle.phase = 'serving';
    handle.servingAt = now;
    this.#everServed = true;
    this.#router.attach((message) => handle.postStream(message));
    const startToReadyMs = now - (handle.startedAt ?? handle.spawnedAt);
    this.#options.logger.info(
      { workerId: handle.id, reason: handle.reason, startToReadyMs },
      'worker serving',
    );
    this.#notify('worker_started', {
      workerId: handle.id,
      reason: handle.reason as 'initial' | RestartReason,
      standby: handle.fromStandby,
      spawnToReadyMs: now - handle.spawnedAt,
      startToReadyMs,
      bootMs,
    });
    const pending = this.#pending;
    if (pending) {
      this.#pending = null;
      const event: WorkerRestartedEvent = {
        workerId: handle.id,
        previousWorkerId: pending.previousWorkerId,
        reason: pending.reason,
        ...(pending.detail === undefined ? {} : { detail: pending.detail }),
        downtimeMs: now - pending.stoppedServingAt,
        backoffMs: pending.backoffMs,
        replayed: pending.replayed,
      };
      this.#restarts.total++;
      this.#restarts.byReason[pending.reason] = (this.#restarts.byReason[pending.reason] ?? 0) + 1;
      this.#lastRestart = event;
      this.#notify('worker_restarted', event);
    }
    this.#pool?.scheduleStandby();
    this.#settleWaiters();
  }

  /** The watchdog: acknowledgements, blocked loops, slow starts. */
  #check(): void {
    const now = performance.now();
    this.#pool?.checkStandby(now);
    const handle = this.#pool?.current;
    if (!handle || handle.ended || handle.phase === 'stopping') return;
    if (handle.phase === 'serving') this.#router.acknowledge(handle.acknowledged());
    const blockedMs = handle.blockedFor(now);
    const limitMs = this.#blockLimit(handle, now, blockedMs);
    if (blockedMs > limitMs) {
      const activity = handle.activity();
      this.#options.logger.error(
        { code: 'ZRX_SUPERVISOR_WORKER_STALLED', workerId: handle.id, blockedMs, activity },
        `worker ${handle.id} blocked its event loop for ${Math.round(blockedMs)} ms${activity ? ` in ${activity}` : ''}: terminating it`,
      );
      this.#notify('worker_stalled', {
        workerId: handle.id,
        blockedMs,
        limitMs,
        activity,
      });
      this.#retire(handle, 'blocked', {});
      return;
    }
    const startedAt = handle.startedAt ?? handle.spawnedAt;
    if (handle.servingAt === undefined && now - startedAt > this.#options.startTimeoutMs) {
      this.#retire(handle, 'start-timeout', {});
    }
  }

  /**
   * The block limit that applies now: `blockedMs` for a serving worker; for a starting one,
   * `blockedMs` too while the activity slot names what runs (an extension's setup or top level:
   * its code, which a spin must not hold for 30 s) and has named it for longer than the limit,
   * `startBlockedMs` for the framework's own boot work (module loading, compiling extensions).
   */
  #blockLimit(handle: WorkerHandle, now: number, blockedMs: number): number {
    const { blockedMs: limit, startBlockedMs } = this.#options;
    if (handle.phase === 'serving') return limit;
    const inActivity = handle.inActivityFor(now);
    return Math.min(blockedMs, inActivity) > limit ? limit : startBlockedMs;
  }

  /** Takes a faulty worker out of service and schedules its replacement (with backoff). */
  #retire(handle: WorkerHandle, ...[reason, details]: Fault): void {
    const pool = this.#pool;
    if (!pool || handle !== pool.current) return;
    const now = performance.now();
    handle.intendedEnd ??= reason;
    pool.current = null;
    const servedMs = handle.servingAt === undefined ? 0 : now - handle.servingAt;
    const activity = handle.activity();
    const replayed = this.#router.detach(handle.acknowledged());
    if (reason !== 'blocked') {
      const code =
        reason === 'memory'
          ? 'ZRX_SUPERVISOR_WORKER_OUT_OF_MEMORY'
          : 'ZRX_SUPERVISOR_WORKER_CRASHED';
      this.#options.logger.error(
        { code, workerId: handle.id, reason, activity, ...details },
        `worker ${handle.id} ended (${reason})${details.error ? `: ${details.error.message}` : ''}`,
      );
      this.#notify('worker_crashed', {
        workerId: handle.id,
        reason,
        ...details,
        activity,
        servedMs,
      });
    }
    const terminated = handle.terminate(reason);
    if (this.#state !== 'running' && this.#state !== 'starting') return;
    if (!this.#everServed) {
      this.#settleWaiters(
        new SupervisorError(
          'ZRX_SUPERVISOR_WORKER_START_FAILED',
          `The first worker did not start (${reason})${details.error ? `: ${details.error.message}` : ''}.`,
          'Run the entry on its own to see the error; it must export a default function that starts the bot.',
          { cause: details.error },
        ),
      );
      return;
    }
    const backoffMs = this.#backoff.next(servedMs);
    const previous = this.#pending;
    this.#pending = {
      reason,
      previousWorkerId: handle.id,
      stoppedServingAt: previous?.stoppedServingAt ?? now,
      backoffMs,
      replayed: replayed + (previous?.replayed ?? 0),
    };
    // The replacement starts once the old thread is gone (it may hold files the new one opens).
    void terminated.then(() => {
      if (this.#state !== 'running' || pool.current !== null) return;
      this.#restartTimer = setTimeout(() => {
        if (this.#state === 'running' && pool.current === null) pool.launch(reason);
      }, backoffMs);
    });
  }

  async #stopGracefully(handle: WorkerHandle, reason: string): Promise<void> {
    this.#router.pause();
    const timeoutMs = this.#options.shutdownTimeoutMs;
    if (await handle.shutdown(reason, timeoutMs)) return;
    this.#options.logger.warn(
      { code: 'ZRX_SUPERVISOR_SHUTDOWN_TIMEOUT', workerId: handle.id, timeoutMs },
      'the worker did not shut down in time: terminated',
    );
  }

  // A listener that throws must not break the restart in progress, nor keep the listeners after
  // it from hearing the event (as EventEmitter's own emit would): each is called on its own.
  #notify(...[event, ...payload]: EventArgs): void {
    for (const listener of this.rawListeners(event)) {
      try {
        Reflect.apply(listener, this, payload);
      } catch (error) {
        this.#options.logger.error(
          { event, error: describeError(error) },
          `a ${event} listener threw`,
        );
      }
    }
  }

  #untilServing(): Promise<void> {
    return new Promise((resolve, reject) => this.#waiters.add({ resolve, reject }));
  }

  #settleWaiters(error?: Error): void {
    for (const waiter of this.#waiters) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
    this.#waiters.clear();
  }
}

function classify(end: WorkerEnd): Fault {
  if (end.kind === 'exit') return ['exited', { exitCode: end.code }];
  return [end.outOfMemory ? 'memory' : 'crashed', { error: end.error }];
}
