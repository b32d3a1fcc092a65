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

/** What the probe port needs from the dashboard. */
export interface ProbeServerOptions {
  readonly config: ProbePortConfig;
  readonly tls: DashboardConfig['tls'];
  readonly documents: ProbeDocuments;
  readonly metricsContentType: string;
  /** The readiness checks and whether the dashboard is draining (read after each status build). */
  readiness(): Promise<{ checks: readonly CheckResult[]; draining: boolean }>;
  /** Where a crash of the probe thread is reported. */
  onCrash(error: Error): void;
}

const copy = (doc: CachedDocument): ProbeDocument => ({
  code: doc.code,
  body: doc.body,
  etag: doc.etag,
  buildMs: doc.buildMs,
  builtAt: doc.builtAt,
});

/**
 * The dedicated probe port (`probes: { port }`): a small node:http server on a worker thread of
 * its own, fed the pre-built `/status.json`, readiness and `/metrics` documents after every
 * build, and the bot loop's heartbeat through a SharedArrayBuffer. The dashboard's own port keeps
 * serving the same routes; this one answers them without waiting for the bot's event loop.
 */
export class ProbeServer {
  readonly #worker: Worker;
  readonly #stops: (() => void)[] = [];
  #closed: Promise<void> | undefined;
  /** The bound port (the real one when `port: 0`). */
  public readonly port: number;

  private constructor(worker: Worker, port: number) {
    this.#worker = worker;
    this.port = port;
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
    };
    const worker = new Worker(PROBE_WORKER, { workerData: data });
    // The dashboard's own server keeps the process alive; this thread never should on its own.
    worker.unref();
    const port = await new Promise<number>((resolve, reject) => {
      const fail = (message: string, cause?: unknown) =>
        reject(
          new DashboardError(
            'ZRX_DASHBOARD_LISTEN',
            `The probe port could not listen on ${config.host}:${config.port}: ${message}`,
            undefined,
            { cause },
          ),
        );
      worker.once('error', (error) => fail(error.message, error));
      worker.on('message', function first(message: FromProbeThread) {
        if (message.type === 'listening') {
          worker.off('message', first);
          resolve(message.port);
        } else if (message.type === 'listen-failed') {
          worker.off('message', first);
          void worker.terminate();
          fail(message.message);
        }
      });
    });
    worker.removeAllListeners('error');
    const server = new ProbeServer(worker, port);
    server.#wire(options, beats);
    return server;
  }

  #post(message: ToProbeThread): void {
    this.#worker.postMessage(message);
  }

  #wire(options: ProbeServerOptions, beats: BigInt64Array): void {
    const { documents } = options;
    const timer = setInterval(() => Atomics.store(beats, 0, BigInt(Date.now())), HEARTBEAT_MS);
    timer.unref();
    this.#stops.push(() => clearInterval(timer));
    const sendReadiness = () =>
      void options
        .readiness()
        .then(({ checks, draining }) => this.#post({ type: 'ready', checks, draining }))
        .catch(() => undefined);
    this.#stops.push(
      documents.status.onBuilt((doc) => {
        this.#post({ type: 'status', doc: copy(doc) });
        sendReadiness();
      }),
      documents.metrics.onBuilt((doc) => this.#post({ type: 'metrics', doc: copy(doc) })),
    );
    this.#worker.on('message', (message: FromProbeThread) => {
      if (message.type !== 'metrics-wanted') return;
      documents.metrics.refresh().catch(() => this.#post({ type: 'metrics-failed' }));
    });
    this.#worker.on('error', (error) => options.onCrash(error));
    // The thread starts with the current answers, not after the next refresh.
    void documents.status.refresh().catch(() => undefined);
  }

  /** Stops the heartbeat and the thread (its server closes its connections). */
  public close(): Promise<void> {
    this.#closed ??= (async () => {
      for (const stop of this.#stops) stop();
      const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
      this.#post({ type: 'close' });
      const timer = setTimeout(() => void this.#worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    })();
    return this.#closed;
  }
}
