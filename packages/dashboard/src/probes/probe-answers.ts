import { SECURITY_HEADERS } from '../server/security-headers.js';
import type { CheckResult } from './health.js';
import { readinessAnswer, readinessQuery } from './readiness-answer.js';

/** A pre-built answer as the probe thread holds it (a copy of the bot thread's cached one). */
export interface ProbeDocument {
  readonly code: number;
  readonly body: Uint8Array;
  readonly etag: string;
  readonly buildMs: number;
  /** `Date.now()` when built. */
  readonly builtAt: number;
}

/** What the probe thread knows: the latest documents and the bot thread's last loop turn. */
export interface ProbePortState {
  readonly status: ProbeDocument | undefined;
  /** The readiness checks; `undefined` until the bot thread has sent the first (starting). */
  readonly checks: readonly CheckResult[] | undefined;
  readonly draining: boolean;
  /** Milliseconds since the bot's event loop last wrote its heartbeat. */
  readonly heartbeatAgeMs: number;
  /** `/livez` fails when the loop has not turned for this long (`probes.blockedMs`). */
  readonly blockedMs: number;
  readonly https: boolean;
}

/**
 * Response headers as `writeHead` takes them raw: names and values in one flat list. Built once
 * per document (and once per scheme for the plain-text answers): writing a header object costs
 * Node a validation per header per request — measured ~40 µs of ~160 µs a request for these 15.
 */
export type RawHeaders = string[];

/** One answer to send: status code, headers (`content-length` included), body. */
export interface ProbeReply {
  readonly code: number;
  readonly headers: RawHeaders;
  readonly body: string | Uint8Array;
}

/** The value of header `name` (lower case) in a reply, for readers and tests. */
export function headerOf(reply: ProbeReply, name: string): string | undefined {
  for (let i = 0; i < reply.headers.length; i += 2) {
    if (reply.headers[i] === name) return reply.headers[i + 1];
  }
  return undefined;
}

const raw = (headers: Readonly<Record<string, string>>): string[] => Object.entries(headers).flat();

/** A plain-text answer (also the probe thread's 404/405/503), with the probe headers. */
export function plainReply(
  code: number,
  body: string,
  https: boolean,
  extra: readonly string[] = [],
): ProbeReply {
  const headers = https ? TEXT_HEADERS_HTTPS : TEXT_HEADERS;
  return {
    code,
    headers: [...headers, ...extra, 'content-length', String(Buffer.byteLength(body))],
    body,
  };
}

/**
 * `/readyz` (and `/status.json`) on the probe port fail when the bot's loop has not turned for
 * this long: twice the heartbeat's second-scale jitter under load, far below `/livez`'s limit.
 */
export const READY_BLOCKED_MS = 2_000;

/** The headers every probe-port answer carries (the dashboard's own, same rules). */
export function baseHeaders(https: boolean, cacheControl = 'no-store'): Record<string, string> {
  return {
    ...SECURITY_HEADERS,
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'cache-control': cacheControl,
  };
}

const TEXT_HEADERS = raw({ ...baseHeaders(false), 'content-type': 'text/plain; charset=utf-8' });
const TEXT_HEADERS_HTTPS = raw({
  ...baseHeaders(true),
  'content-type': 'text/plain; charset=utf-8',
});

/** Per document (a new object per build), its headers without `Server-Timing`, per type/scheme. */
const documentHeaders = new WeakMap<
  ProbeDocument,
  Map<string, { full: string[]; notModified: string[] }>
>();

function headersFor(doc: ProbeDocument, type: string, https: boolean) {
  let byKind = documentHeaders.get(doc);
  if (!byKind) {
    byKind = new Map();
    documentHeaders.set(doc, byKind);
  }
  const kind = `${https ? 's' : ''}${type}`;
  let built = byKind.get(kind);
  if (!built) {
    const notModified = raw({
      ...baseHeaders(https, 'no-cache'),
      'content-type': type,
      etag: doc.etag,
    });
    built = { full: [...notModified, 'content-length', String(doc.body.byteLength)], notModified };
    byKind.set(kind, built);
  }
  return built;
}

/** A cached document as both ports send it: ETag, 304 on a match, Server-Timing. */
export function documentReply(
  doc: ProbeDocument,
  type: string,
  ifNoneMatch: string | undefined,
  https: boolean,
  appMs: number,
): ProbeReply {
  const { full, notModified } = headersFor(doc, type, https);
  const timing = `app;dur=${appMs.toFixed(2)}, build;dur=${doc.buildMs.toFixed(2)}`;
  if (ifNoneMatch === doc.etag && doc.code === 200) {
    return { code: 304, headers: [...notModified, 'server-timing', timing], body: '' };
  }
  return { code: doc.code, headers: [...full, 'server-timing', timing], body: doc.body };
}

const text = (code: number, body: string, https: boolean): ProbeReply =>
  plainReply(code, body, https);

/** A health+json answer built on the spot (the rare paths: starting, a stuck loop). */
function jsonReply(code: number, body: string, https: boolean): ProbeReply {
  const headers = raw({ ...baseHeaders(https), 'content-type': 'application/health+json' });
  headers.push('content-length', String(Buffer.byteLength(body)));
  return { code, headers, body };
}

/** The check reported before the bot thread has sent its first readiness. */
const starting: CheckResult = {
  name: 'starting',
  status: 'fail',
  critical: true,
  detail: 'no readiness from the bot yet',
};

/** The check added when the bot's loop is stuck: what the documents built on it cannot say. */
function blockedCheck(ageMs: number): CheckResult {
  return {
    name: 'event-loop',
    status: 'fail',
    critical: true,
    detail: `no turn for ${Math.round(ageMs)} ms (blocked)`,
  };
}

/**
 * The probe port's answers to `/livez`, `/readyz` and `/status.json`, from the state the bot
 * thread last handed over (`/metrics` is answered by the thread itself: it may have to wait for
 * a build). Alike the dashboard's port, except that a stuck bot loop is reported instead of
 * timing out: `/livez` 503 after `blockedMs`, `/readyz` and `/status.json` fail after
 * {@link READY_BLOCKED_MS} (or `blockedMs` if shorter). `undefined`: not a probe path (404).
 */
export function answerProbe(
  path: string,
  search: string,
  ifNoneMatch: string | undefined,
  state: ProbePortState,
  appMs: () => number,
): ProbeReply | undefined {
  const age = state.heartbeatAgeMs;
  // Readiness never fails later than liveness.
  const readyLimit = Math.min(READY_BLOCKED_MS, state.blockedMs);
  if (path === '/livez') {
    return age > state.blockedMs
      ? text(503, `event loop blocked: no turn for ${Math.round(age)} ms`, state.https)
      : text(200, 'ok', state.https);
  }
  if (path === '/readyz') {
    // Until the bot thread has reported, nothing says it is ready.
    const checks = (state.checks ?? [starting]).filter(
      (c) => age <= readyLimit || c.name !== 'event-loop',
    );
    if (age > readyLimit) checks.push(blockedCheck(age));
    const { code, text: body } = readinessAnswer(
      checks,
      state.draining,
      readinessQuery(new URLSearchParams(search)),
    );
    return text(code, body, state.https);
  }
  if (path === '/status.json') {
    const type = 'application/health+json';
    if (!state.status) {
      return jsonReply(503, JSON.stringify({ status: 'fail', output: 'starting' }), state.https);
    }
    if (age <= readyLimit) {
      return documentReply(state.status, type, ifNoneMatch, state.https, appMs());
    }
    // Rare path (a stuck loop): the last document, marked failed, not served as if current.
    const doc = JSON.parse(Buffer.from(state.status.body).toString('utf8')) as {
      checks?: Record<string, unknown>;
    };
    const check = blockedCheck(age);
    const body = {
      ...doc,
      status: 'fail',
      output: `the bot's event loop: ${check.detail}`,
      checks: {
        ...doc.checks,
        'event-loop:status': [
          { status: 'fail', output: check.detail, time: new Date().toISOString() },
        ],
      },
    };
    return jsonReply(503, JSON.stringify(body), state.https);
  }
  return undefined;
}
