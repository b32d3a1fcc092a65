// The probe port's thread (a tsup entry of its own, started by probe-server.ts by file URL; not
// exported). It answers /livez, /readyz, /status.json and /metrics from documents the bot thread
// builds and hands over, so a probe never waits for the bot's event loop: at 500 commands/s that
// loop's turns are what made /status.json slow, not building it. The bot loop's heartbeat comes
// through shared memory, so a stuck loop is reported (503) instead of a probe timing out.

import { readlinkSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { DashboardError } from '../errors.js';
import type { CheckResult } from './health.js';
import {
  answerProbe,
  documentReply,
  type ProbeDocument,
  type ProbeReply,
  plainReply,
} from './probe-answers.js';
import type { FromProbeThread, ProbeWorkerData, ToProbeThread } from './probe-protocol.js';

/** How long a `/metrics` request waits for the bot thread's build before answering 503. */
const METRICS_WAIT_MS = 10_000;

const data = workerData as ProbeWorkerData;
const port = parentPort;
if (!port) {
  throw new DashboardError(
    'ZRX_DASHBOARD_LISTEN',
    'The probe port listens only on the worker thread the dashboard starts (probes: { port }).',
  );
}
const heartbeat = new BigInt64Array(data.heartbeat);
const https = data.tls !== undefined;
const post = (message: FromProbeThread) => port.postMessage(message);

let status: ProbeDocument | undefined;
let metrics: ProbeDocument | undefined;
let checks: readonly CheckResult[] | undefined;
let draining = false;
let metricsAsked = false;
let metricsWaiters: ((doc: ProbeDocument | undefined) => void)[] = [];

function settleMetrics(doc: ProbeDocument | undefined): void {
  metricsAsked = false;
  const waiters = metricsWaiters;
  metricsWaiters = [];
  for (const wake of waiters) wake(doc);
}

function askForMetrics(): void {
  if (metricsAsked) return;
  metricsAsked = true;
  post({ type: 'metrics-wanted' });
}

/** The exposition to send: fresh or within its stale window; else wait for the next build. */
async function currentMetrics(): Promise<ProbeDocument | undefined> {
  const age = metrics ? Date.now() - metrics.builtAt : Number.POSITIVE_INFINITY;
  if (age >= data.metricsMaxAgeMs) askForMetrics();
  if (metrics && age < data.metricsMaxAgeMs + data.metricsStaleMs) return metrics;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      metricsWaiters = metricsWaiters.filter((w) => w !== wake);
      resolve(undefined);
    }, METRICS_WAIT_MS);
    const wake = (doc: ProbeDocument | undefined) => {
      clearTimeout(timer);
      resolve(doc);
    };
    metricsWaiters.push(wake);
  });
}

function send(response: ServerResponse, reply: ProbeReply, head: boolean): void {
  response.writeHead(reply.code, reply.headers);
  response.end(head ? undefined : reply.body);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const started = performance.now();
  const appMs = () => performance.now() - started;
  const [path = '/', search = ''] = (request.url ?? '/').split('?', 2);
  const head = request.method === 'HEAD';
  if (request.method !== 'GET' && !head) {
    return send(response, plainReply(405, '', https, ['allow', 'GET, HEAD']), head);
  }
  const ifNoneMatch = request.headers['if-none-match'];
  if (path === '/metrics') {
    const doc = await currentMetrics();
    if (!doc) {
      return send(response, plainReply(503, 'metrics not available', https), head);
    }
    return send(
      response,
      documentReply(doc, data.metricsContentType, ifNoneMatch, https, appMs()),
      head,
    );
  }
  const heartbeatAgeMs = Date.now() - Number(Atomics.load(heartbeat, 0));
  const state = { status, checks, draining, heartbeatAgeMs, blockedMs: data.blockedMs, https };
  const reply = answerProbe(path, search, ifNoneMatch, state, appMs);
  send(response, reply ?? plainReply(404, 'not found', https), head);
}

const listener = (request: IncomingMessage, response: ServerResponse) => {
  handle(request, response).catch(() => {
    if (!response.headersSent) {
      const reply = plainReply(500, '', https);
      response.writeHead(reply.code, reply.headers);
    }
    response.end();
  });
};
const server = data.tls
  ? createHttpsServer({ cert: data.tls.cert, key: data.tls.key }, listener)
  : createHttpServer(listener);
// Probes are tiny: a slow or idle client must not hold a socket for long.
server.headersTimeout = 10_000;
server.requestTimeout = 15_000;

port.on('message', (message: ToProbeThread) => {
  if (message.type === 'status') status = message.doc;
  else if (message.type === 'metrics') {
    metrics = message.doc;
    settleMetrics(metrics);
  } else if (message.type === 'metrics-failed') settleMetrics(undefined);
  else if (message.type === 'ready') {
    checks = message.checks;
    draining = message.draining;
  } else if (message.type === 'close') {
    server.close(() => port.close());
    server.closeAllConnections();
    settleMetrics(undefined);
  }
});
/** Sets `priority` on this OS thread (Linux: setpriority() takes a thread id); why not, if not. */
function setOwnPriority(priority: number): string | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    setPriority(tid, priority);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
const priorityError = data.priority === undefined ? undefined : setOwnPriority(data.priority);
server.once('error', (error) => post({ type: 'listen-failed', message: error.message }));
server.listen(data.port, data.host, () => {
  const port = (server.address() as AddressInfo).port;
  post(priorityError ? { type: 'listening', port, priorityError } : { type: 'listening', port });
});
