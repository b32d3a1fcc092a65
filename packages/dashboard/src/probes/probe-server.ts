import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DashboardConfig } from '../config.js';
import { DashboardError } from '../errors.js';
import type { CheckResult } from './health.js';
import type { ProbeDocument } from './probe-answers.js';
import type { CachedDocument } from './probe-cache.js';
import { METRICS_MAX_AGE_MS, METRICS_STALE_MS, type ProbeDocuments } from './probe-documents.js';
import type { FromProbeThread, ProbeWorkerData, ToProbeThread } from './probe-protocol.js';

/** The probe thread's bundle, next to this one in `dist/` (a tsup entry of its own). */
const PROBE_WORKER = new URL('./probe-worker.js', import.meta.url);

/**
 * How often the bot loop writes its heartbeat: a quarter second is far below the limits the
 * probe thread judges it by (2 s for readiness, `blockedMs` for liveness) and costs nothing.
 */
const HEARTBEAT_MS = 250;

/** `probes` of the config, validated. */
export type ProbePortConfig = NonNullable<DashboardConfig['probes']>;

/**
 * After a crash the thread is started again after this delay, doubled after each crash that
 * follows within {@link STABLE_MS} of the last start, up to {@link MAX_RESTART_DELAY_MS}.
 */
const FIRST_RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 30_000;
/** A thread that stayed up this long resets the backoff. */
const STABLE_MS = 60_000;

/** What the probe port needs from the dashboard. */
export interface ProbeServerOptions {
  readonly config: ProbePortConfig;
  readonly tls: DashboardConfig['tls'];
  readonly documents: ProbeDocuments;
  readonly metricsContentType: string;
  /** The readiness checks and whether the dashboard is draining (read after each status build). */
  readiness(): Promise<{ checks: readonly CheckResult[]; draining: boolean }>;
  /** Where a crash of the probe thread (or a failed restart) is reported. */
  onCrash(error: Error): void;
  /** Where a `probes.priority` the system refused is reported (the thread runs on). */
  onPriorityRefused?(message: string): void;
  /** The thread's bundle; by default `probe-worker.js` beside this bundle in `dist/`. */
  readonly workerUrl?: URL;
}

const copy = (doc: CachedDocument): ProbeDocument => ({
  code: doc.code,
  body: doc.body,
  etag: doc.etag,
  buildMs: doc.buildMs,
  builtAt: doc.builtAt,
});

/** Starts one probe thread and resolves with it once it listens. */
function spawn(
  url: URL,
  data: ProbeWorkerData,
): Promise<{ worker: Worker; port: number; priorityError: string | undefined }> {
  const worker = new Worker(url, { workerData: data });
  // The dashboard's own server keeps the process alive; this thread never should on its own.
  worker.unref();
  return new Promise((resolve, reject) => {
    const fail = (message: string, cause?: unknown) =>
      reject(
        new DashboardError(
          'ZRX_DASHBOARD_LISTEN',
          `The probe port could not listen on ${data.host}:${data.port}: ${message}`,
          undefined,
          { cause },
        ),
      );
    const onError = (error: Error) => fail(error.message, error);
    worker.once('error', onError);
    worker.on('message', function first(message: FromProbeThread) {
      if (message.type === 'listening') {
        worker.off('message', first);
        worker.off('error', onError);
        resolve({ worker, port: message.port, priorityError: message.priorityError });
      } else if (message.type === 'listen-failed') {
        worker.off('message', first);
        void worker.terminate();
        fail(message.message);
      }
    });
  });
}

/**
 * The dedicated probe port (`probes: { port }`): a small node:http server on a worker thread of
 * its own, fed the pre-built `/status.json`, readiness and `/metrics` documents after every
 * build, and the bot loop's heartbeat through a SharedArrayBuffer. The dashboard's own port keeps
 * serving the same routes; this one answers them without waiting for the bot's event loop.
 * A thread that crashes is started again on the same port (with a growing delay if it keeps
 * crashing), fed the current documents at once.
 */
export class ProbeServer {
  #worker: Worker;
  readonly #options: ProbeServerOptions;
  readonly #url: URL;
  readonly #data: ProbeWorkerData;
  readonly #stops: (() => void)[] = [];
  #closing = false;
  #closed: Promise<void> | undefined;
  #startedAt = Date.now();
  #restartDelayMs = FIRST_RESTART_DELAY_MS;
  #restartTimer: NodeJS.Timeout | undefined;
  #restarts = 0;
  /** The bound port (the real one when `port: 0`); a restarted thread listens on it again. */
  public readonly port: number;

  private constructor(
    worker: Worker,
    port: number,
    options: ProbeServerOptions,
    url: URL,
    data: ProbeWorkerData,
  ) {
    this.#worker = worker;
    this.port = port;
    this.#options = options;
    this.#url = url;
    this.#data = { ...data, port };
  }

  /** Starts the thread and resolves once it listens; `ZRX_DASHBOARD_LISTEN` when it cannot. */
  public static async start(options: ProbeServerOptions): Promise<ProbeServer> {
    const { config } = options;
    const heartbeat = new SharedArrayBuffer(8);
    const beats = new BigInt64Array(heartbeat);
    Atomics.store(beats, 0, BigInt(Date.now()));
    const data: ProbeWorkerData = {
      host: config.host,
      port: config.port,
      blockedMs: config.blockedMs,
      tls: options.tls
        ? {
            cert: readFileSync(options.tls.cert, 'utf8'),
            key: readFileSync(options.tls.key, 'utf8'),
          }
        : undefined,
      heartbeat,
      metricsMaxAgeMs: METRICS_MAX_AGE_MS,
      metricsStaleMs: METRICS_STALE_MS,
      metricsContentType: options.metricsContentType,
      priority: config.priority,
    };
    const url = options.workerUrl ?? PROBE_WORKER;
    const { worker, port, priorityError } = await spawn(url, data);
    if (priorityError) options.onPriorityRefused?.(priorityError);
    const server = new ProbeServer(worker, port, options, url, data);
    server.#wire(beats);
    return server;
  }

  /** How many times the thread was started again after a crash. */
  public get restarts(): number {
    return this.#restarts;
  }

  /**
   * The current thread. Tests end it with `terminate()` to check the restart; nothing else
   * should touch it.
   */
  public get thread(): Worker {
    return this.#worker;
  }

  #post(message: ToProbeThread): void {
    this.#worker.postMessage(message);
  }

  #wire(beats: BigInt64Array): void {
    const { documents, readiness } = this.#options;
    const timer = setInterval(() => Atomics.store(beats, 0, BigInt(Date.now())), HEARTBEAT_MS);
    timer.unref();
    this.#stops.push(() => clearInterval(timer));
    const sendReadiness = () =>
      void readiness()
        .then(({ checks, draining }) => this.#post({ type: 'ready', checks, draining }))
        .catch(() => undefined);
    this.#stops.push(
      documents.status.onBuilt((doc) => {
        this.#post({ type: 'status', doc: copy(doc) });
        sendReadiness();
      }),
      documents.metrics.onBuilt((doc) => this.#post({ type: 'metrics', doc: copy(doc) })),
    );
    this.#attach(this.#worker);
  }

  /** Listens to one thread: its requests for a `/metrics` build, its crash. */
  #attach(worker: Worker): void {
    const { documents } = this.#options;
    worker.on('message', (message: FromProbeThread) => {
      if (message.type !== 'metrics-wanted') return;
      documents.metrics.refresh().catch(() => this.#post({ type: 'metrics-failed' }));
    });
    let crash: Error | undefined;
    worker.on('error', (error) => {
      crash = error;
    });
    worker.once('exit', (code) => {
      if (this.#closing) return;
      this.#options.onCrash(
        new DashboardError(
          'ZRX_DASHBOARD_PROBE_THREAD_EXITED',
          `The probe port's thread ${crash ? `crashed (${crash.message})` : `exited with code ${code}`}; it is started again.`,
          undefined,
          { cause: crash },
        ),
      );
      this.#scheduleRestart();
    });
    // The thread starts with the current answers, not after the next refresh.
    void documents.status.refresh().catch(() => undefined);
  }

  #scheduleRestart(): void {
    if (Date.now() - this.#startedAt >= STABLE_MS) this.#restartDelayMs = FIRST_RESTART_DELAY_MS;
    const delay = this.#restartDelayMs;
    this.#restartDelayMs = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    this.#restartTimer = setTimeout(() => void this.#restart(), delay);
    this.#restartTimer.unref();
  }

  async #restart(): Promise<void> {
    this.#restartTimer = undefined;
    if (this.#closing) return;
    try {
      const { worker } = await spawn(this.#url, this.#data);
      if (this.#closing) {
        await worker.terminate();
        return;
      }
      this.#worker = worker;
      this.#startedAt = Date.now();
      this.#restarts += 1;
      this.#attach(worker);
    } catch (error) {
      // The port may be held for a moment (or taken): keep trying, with the growing delay.
      this.#options.onCrash(
        error instanceof Error
          ? error
          : new DashboardError(
              'ZRX_DASHBOARD_PROBE_THREAD_EXITED',
              `The probe port's thread could not be started again: ${String(error)}`,
            ),
      );
      this.#scheduleRestart();
    }
  }

  /** Stops the heartbeat and the thread (its server closes its connections). */
  public close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#closing = true;
      if (this.#restartTimer) clearTimeout(this.#restartTimer);
      for (const stop of this.#stops) stop();
      const worker = this.#worker;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      if (worker.threadId === -1) return;
      worker.postMessage({ type: 'close' } satisfies ToProbeThread);
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    })();
    return this.#closed;
  }
}
