// One worker thread as the supervisor sees it: the Worker, its shared slots, its phase, and the
// liveness and health it reports. The supervisor decides what to do; this only observes and acts.
import { Worker } from 'node:worker_threads';
import { describeError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import {
  PROTOCOL_VERSION,
  type SerializedError,
  type StreamMessage,
  type SupervisorMessage,
  type WorkerInit,
  type WorkerMessage,
  type WorkerSession,
} from './protocol.js';
import { parseWorkerMessage } from './protocol-parse.js';
import {
  BEAT_MS,
  createSlots,
  readAcknowledged,
  readActivity,
  readActivityVersion,
  readBeat,
  type SlotViews,
} from './shared-slots.js';
import { StreamOutbox } from './stream-outbox.js';
import { type SupervisedWorkerData, WORKER_DATA_KEY } from './worker-data.js';

/**
 * Where a worker is in its life: `standby` (spawned ahead of need: imports its entry, then
 * waits), `starting` (running the entry's function), `syncing` (got the session state, booting),
 * `serving` (ready: events flow to it), `stopping` (asked to shut down), `gone`.
 */
export type WorkerPhase = 'standby' | 'starting' | 'syncing' | 'serving' | 'stopping' | 'gone';

/** How a worker ended. */
export type WorkerEnd =
  | { kind: 'exit'; code: number }
  | { kind: 'error'; error: SerializedError; outOfMemory: boolean };

/** What a handle reports to its owner. */
export interface WorkerObserver {
  message(handle: WorkerHandle, message: WorkerMessage): void;
  /** Called once, when the thread is gone (after an `error`, or on `exit`). */
  ended(handle: WorkerHandle, end: WorkerEnd): void;
  /** A message failed validation (logged by the owner; the worker keeps running). */
  invalid(handle: WorkerHandle, problem: string): void;
}

// Resolved next to this file: dist/worker-main.js in the built package.
const WORKER_MAIN = new URL('./worker-main.js', import.meta.url);

/** See the file comment. */
export class WorkerHandle {
  public readonly id: number;
  public readonly slots: SlotViews;
  public readonly spawnedAt = performance.now();
  public phase: WorkerPhase = 'standby';
  /** Why it was started (set by {@link WorkerHandle.activate}). */
  public reason = '';
  /** When it was told to start (performance.now()), or undefined while on standby. */
  public startedAt: number | undefined;
  /** Whether its entry module is imported. */
  public loaded = false;
  /** Whether it waited as the standby before it was started. */
  public fromStandby = false;
  /** When the worker started serving (performance.now()), or undefined. */
  public servingAt: number | undefined;
  /** Set by the supervisor before it terminates the worker on purpose. */
  public intendedEnd: string | undefined;
  public heapUsed = 0;
  public heapLimit = 0;
  /** Resolves with how the thread ended. */
  public readonly exited: Promise<WorkerEnd>;
  readonly #worker: Worker;
  #resolveExited: (end: WorkerEnd) => void = () => undefined;
  #lastBeat = -1;
  #lastBeatAt = performance.now();
  #activityVersion = -1;
  #activitySeenAt = performance.now();
  #ended = false;
  readonly #outbox = new StreamOutbox((message) => {
    if (!this.#ended) this.#worker.postMessage(message);
  });

  /** Spawns the thread. */
  public constructor(init: WorkerInit, options: ResolvedOptions, observer: WorkerObserver) {
    this.id = init.workerId;
    this.slots = createSlots();
    this.exited = new Promise((resolve) => {
      this.#resolveExited = resolve;
    });
    const data: SupervisedWorkerData = { init, slots: this.slots.buffer };
    this.#worker = new Worker(WORKER_MAIN, {
      workerData: { [WORKER_DATA_KEY]: data },
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
      env: {
        ...process.env,
        DISCORD_TOKEN: options.token,
        ...(options.apiBase === undefined ? {} : { ZORYX_DISCORD_API: options.apiBase }),
        ...options.env,
      },
      name: `zoryx-worker-${init.workerId}`,
    });
    this.#worker.on('message', (raw: unknown) => {
      let message: WorkerMessage;
      try {
        message = parseWorkerMessage(raw);
      } catch (error) {
        observer.invalid(this, describeError(error));
        return;
      }
      if (message.t === 'loaded') this.loaded = true;
      if (message.t === 'heartbeat') {
        this.heapUsed = message.heapUsed;
        this.heapLimit = message.heapLimit;
      }
      observer.message(this, message);
    });
    this.#worker.on('error', (error: Error & { code?: string }) => {
      this.#end(observer, {
        kind: 'error',
        error: {
          name: error.name,
          message: error.message,
          ...(error.stack === undefined ? {} : { stack: error.stack }),
          ...(error.code === undefined ? {} : { code: error.code }),
        },
        outOfMemory: error.code === 'ERR_WORKER_OUT_OF_MEMORY',
      });
    });
    this.#worker.on('exit', (code) => this.#end(observer, { kind: 'exit', code }));
  }

  /** Whether the thread has ended. */
  public get ended(): boolean {
    return this.#ended;
  }

  /** Runs the entry's function (now, or once the entry is imported). */
  public activate(reason: string, session: WorkerSession): void {
    this.reason = reason;
    this.phase = 'starting';
    this.startedAt = performance.now();
    this.post({ t: 'start', reason, session });
  }

  /** Sends a message (adds the protocol version), after the stream messages posted before it. */
  public post(message: DistributiveOmit<SupervisorMessage, 'v'>): void {
    this.#outbox.flush();
    if (!this.#ended) this.#worker.postMessage({ v: PROTOCOL_VERSION, ...message });
  }

  /**
   * Sends a stream message (dispatch or shard event) with the others posted in the same turn of
   * the event loop, as one `batch` message (see {@link StreamOutbox}).
   */
  public postStream(message: StreamMessage): void {
    if (!this.#ended) this.#outbox.push(message);
  }

  /**
   * How long, at least, the worker's loop has not turned as of `now`. The supervisor notes when
   * it sees the shared heartbeat counter move; the worker bumps it every {@link BEAT_MS}, so the
   * loop has been blocked for at least the time since then minus one beat interval. Measured that
   * way, a loop blocked for less than the limit is never reported.
   */
  public blockedFor(now: number): number {
    const count = readBeat(this.slots);
    if (count !== this.#lastBeat) {
      this.#lastBeat = count;
      this.#lastBeatAt = now;
    }
    return Math.max(0, now - this.#lastBeatAt - BEAT_MS);
  }

  /**
   * How long, at least, the worker has been in its current activity as of `now` (0 with none):
   * the time since the supervisor first saw the activity slot's version at its current value.
   * A worker that spins never writes the slot again, so this keeps growing; one that moves on
   * changes the version. Read with {@link WorkerHandle.blockedFor} to tell a block in extension
   * code (setup, reload) from one in the framework's own boot work.
   */
  public inActivityFor(now: number): number {
    const version = readActivityVersion(this.slots);
    if (version !== this.#activityVersion) {
      this.#activityVersion = version;
      this.#activitySeenAt = now;
    }
    return this.activity() === null ? 0 : now - this.#activitySeenAt;
  }

  /** The highest stream seq the worker acknowledged. */
  public acknowledged(): number {
    return readAcknowledged(this.slots);
  }

  /** What the worker said it runs (see `setActivity`). */
  public activity(): string | null {
    return readActivity(this.slots);
  }

  /**
   * Asks the bot to shut down (`shutdown` message) and waits for the thread to end, at most
   * `timeoutMs`; then terminates it. Resolves with whether it ended in time.
   */
  public async shutdown(reason: string, timeoutMs: number): Promise<boolean> {
    this.phase = 'stopping';
    this.intendedEnd ??= 'requested';
    this.post({ t: 'shutdown', reason });
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      this.exited.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    await this.terminate('shutdown');
    return inTime;
  }

  /** Ends the thread now (interrupts even a spinning loop); resolves when it is gone. */
  public async terminate(reason: string): Promise<void> {
    this.intendedEnd ??= reason;
    if (this.#ended) return;
    // terminate() settles when the thread is gone; an error here means it already is.
    await this.#worker.terminate().catch(() => undefined);
  }

  #end(observer: WorkerObserver, end: WorkerEnd): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#outbox.clear();
    this.phase = 'gone';
    this.#resolveExited(end);
    observer.ended(this, end);
  }
}

/** Omit over each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
