import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { CheckResult } from '../probes/health.js';
import { answerProbe, documentReply, type ProbeReply } from '../probes/probe-answers.js';
import type { ProbeCache } from '../probes/probe-cache.js';

/** What the fast path answers from: state the bot's loop already keeps ready. */
export interface FastProbeSource {
  readonly status: ProbeCache;
  readonly metrics: ProbeCache;
  readonly metricsContentType: string;
  /** The recent readiness checks, or `undefined` when there are none recent enough. */
  checks(): readonly CheckResult[] | undefined;
  draining(): boolean;
  /** Served over https (directly or behind a proxy): adds HSTS, as the Fastify hook does. */
  readonly https: boolean;
}

/** Answers one request itself (`true`) or leaves it to Fastify (`false`). */
export type FastPath = (request: IncomingMessage, response: ServerResponse) => boolean;

const PROBE_PATHS = new Set(['/livez', '/readyz', '/status.json', '/metrics']);

/**
 * The dashboard port's probe routes answered before Fastify: `GET`/`HEAD` of `/livez`, `/readyz`,
 * `/status.json` and `/metrics` whose answer is ready (see {@link ProbeCache.peek} and
 * {@link ReadinessSnapshot}) are written straight to the socket, with the same security
 * headers, ETag/304 and `Server-Timing` as the routes, through the same function the probe
 * port's thread uses. Polled at 10/s or more under command load, these requests otherwise go
 * through Fastify's routing, request id, cookie parsing and hooks on the bot's event loop.
 * Anything not ready (the first build, a starved refresh, an invalidated document) falls through
 * to the Fastify routes, which wait for it.
 */
export function probeFastPath(source: FastProbeSource): FastPath {
  return (request, response) => {
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = request.url ?? '';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    if (!PROBE_PATHS.has(path)) return false;
    const started = performance.now();
    const reply = answer(path, mark === -1 ? '' : url.slice(mark + 1), request, source, started);
    if (!reply) return false;
    response.writeHead(reply.code, reply.headers);
    response.end(method === 'HEAD' ? undefined : reply.body);
    return true;
  };
}

function answer(
  path: string,
  search: string,
  request: IncomingMessage,
  source: FastProbeSource,
  started: number,
): ProbeReply | undefined {
  const ifNoneMatch = request.headers['if-none-match'];
  const appMs = () => performance.now() - started;
  if (path === '/metrics') {
    const doc = source.metrics.peek();
    return doc && documentReply(doc, source.metricsContentType, ifNoneMatch, source.https, appMs());
  }
  const status = path === '/status.json' ? source.status.peek() : undefined;
  if (path === '/status.json' && !status) return undefined;
  const checks = path === '/readyz' ? source.checks() : undefined;
  if (path === '/readyz' && !checks) return undefined;
  // This code runs on the bot's loop, so the loop is turning: no heartbeat age to judge.
  return answerProbe(
    path,
    search,
    ifNoneMatch,
    {
      status,
      checks,
      draining: source.draining(),
      heartbeatAgeMs: 0,
      blockedMs: Number.POSITIVE_INFINITY,
      https: source.https,
    },
    appMs,
  );
}
