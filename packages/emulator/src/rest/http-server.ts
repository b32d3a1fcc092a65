import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { DiscordApiError } from './discord-error.js';
import type { RateLimiter } from './rate-limits.js';
import type { RequestRecord } from './request-log.js';
import { RedirectResponse, RouteResponse, type Router, type UploadedFile } from './router.js';
import { BinaryResponse, keepFileData } from './uploaded-files.js';

const API_PREFIX = /^\/api\/v\d+/;

/** Headers @discordjs/rest reads on every answer; constant, so the client never waits. */
const RATE_LIMIT_HEADERS = {
  'x-ratelimit-limit': '50',
  'x-ratelimit-remaining': '49',
  'x-ratelimit-reset-after': '1.000',
};

/**
 * How long an idle REST connection stays open. undici reuses a connection until 2 s before the
 * announced timeout, so anything above that works; 60 s covers a bot idle between commands.
 */
const KEEP_ALIVE_TIMEOUT_MS = 60_000;

/** Where the server reports what it did. */
export interface HttpServerHooks {
  token: string;
  router: Router;
  /** Routes for OAuth2 access tokens: used instead of `router` for `Authorization: Bearer …`. */
  bearer?: Router;
  onRequest(record: RequestRecord): void;
  onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Rate limits (buckets, 429 storms, the creation budget); none when absent. */
  rateLimiter?: RateLimiter;
}

/** Creates the HTTP server: REST below `/api/v<n>`, gateway upgrades on `/gateway`. */
export function createHttpServer(hooks: HttpServerHooks): Server {
  const server = createServer((request, response) => {
    handle(hooks, request, response).catch((error: unknown) => {
      sendJson(response, 500, { code: 0, message: `Emulator error: ${String(error)}` });
    });
  });
  server.on('upgrade', hooks.onUpgrade);
  // Node announces `Keep-Alive: timeout=<keepAliveTimeout s>`, and undici (discord.js's HTTP
  // client) closes a socket after its response when that hint is within its 2 s safety margin
  // (`keepAliveTimeoutThreshold`): a 1 s timeout meant one new TCP connection per REST request.
  // Idle sockets never hold `close()` open: Emulator.close() calls closeAllConnections().
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Kept above keepAliveTimeout (the usual pairing; Node's default is 60 s, equal to it).
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}

/** Path characters the WHATWG URL parser keeps as they are (no `#`, `\\`, spaces, non-ASCII). */
const PLAIN_PATH = /^\/[\w\-.~%:@!$&'()*+,;=/]*$/;

/**
 * A request target's path and query. `new URL()` cost ~15 µs a request (of ~300 µs the
 * emulator spends on a bot's reply); a plain path (what @discordjs/rest sends: percent-encoded, no dot
 * segments) is split by hand, anything else still goes through the WHATWG parser so it
 * normalises as before.
 */
export function requestTarget(target: string): { pathname: string; query: URLSearchParams } {
  const mark = target.indexOf('?');
  const pathname = mark < 0 ? target : target.slice(0, mark);
  if (PLAIN_PATH.test(pathname) && !pathname.includes('/.')) {
    const search = mark < 0 ? '' : (target.slice(mark + 1).split('#')[0] ?? '');
    return { pathname, query: new URLSearchParams(search) };
  }
  const url = new URL(target, 'http://127.0.0.1');
  return { pathname: url.pathname, query: url.searchParams };
}

async function handle(hooks: HttpServerHooks, request: IncomingMessage, response: ServerResponse) {
  const url = requestTarget(request.url ?? '/');
  const method = request.method ?? 'GET';
  const path = url.pathname.replace(API_PREFIX, '');
  const raw = await readBody(request);
  const parsed = await parseBody(request, raw).catch((error: unknown) => error as Error);
  if (parsed instanceof Error) {
    const answer = { code: 50109, message: 'The request body contains invalid JSON.' };
    hooks.onRequest({
      method,
      route: path,
      path,
      body: raw.toString('utf8'),
      status: 400,
      response: answer,
    });
    sendJson(response, 400, answer);
    return;
  }
  const { body, files } = parsed;
  const record = (status: number, route: string, answer: unknown) =>
    hooks.onRequest({ method, route, path, body, status, response: answer });

  const authorization = request.headers.authorization;
  const bearer = hooks.bearer && authorization?.startsWith('Bearer ') ? hooks.bearer : undefined;
  const match = (bearer ?? hooks.router).match(method, path);
  if (!match) {
    const answer = {
      code: 0,
      message: `@zoryx/emulator does not implement ${method} ${path}; see docs/emulator.md for the routes it serves`,
    };
    record(501, path, answer);
    // @discordjs/rest throws `HTTPError` with the reason phrase as its message (it never reads a
    // 5xx body): carrying the explanation there is what the bot's log shows.
    sendJson(response, 501, answer, notImplementedReason(method, path));
    return;
  }
  if (match.auth && request.headers.authorization !== `Bot ${hooks.token}`) {
    const answer = { code: 0, message: '401: Unauthorized' };
    record(401, match.pattern, answer);
    sendJson(response, 401, answer);
    return;
  }
  const reasonHeader = request.headers['x-audit-log-reason'];
  const limits = hooks.rateLimiter?.take(method, match.pattern, match.params);
  const headers = limits?.headers ?? RATE_LIMIT_HEADERS;
  if (limits?.limited) {
    const answer = {
      message: 'You are being rate limited.',
      retry_after: limits.limited.retryAfter,
      global: limits.limited.global,
    };
    record(429, match.pattern, answer);
    sendJson(response, 429, answer, undefined, headers);
    return;
  }
  try {
    const result = await match.handler({
      method,
      route: match.pattern,
      params: match.params,
      query: url.query,
      body,
      files,
      reason: typeof reasonHeader === 'string' ? decodeURIComponent(reasonHeader) : null,
      ...(authorization === undefined ? {} : { authorization }),
    });
    if (result instanceof RedirectResponse) {
      record(302, match.pattern, { location: result.location });
      response.writeHead(302, { location: result.location, 'content-length': 0 });
      response.end();
      return;
    }
    if (result instanceof BinaryResponse) {
      record(200, match.pattern, `<${result.data.length} bytes>`);
      response.writeHead(200, {
        'content-type': result.contentType,
        'content-length': result.data.length,
      });
      response.end(result.data);
      return;
    }
    const [status, answer] =
      result instanceof RouteResponse
        ? [result.status, result.body]
        : [result === undefined ? 204 : 200, result];
    record(status, match.pattern, answer);
    hooks.rateLimiter?.completed(method, match.pattern, match.params, status);
    sendJson(response, status, answer, undefined, headers);
  } catch (error) {
    if (!(error instanceof DiscordApiError)) {
      // An emulator bug: answer 500 and keep it in the log, where a failing test shows it.
      const answer = {
        code: 0,
        message: `@zoryx/emulator failed on ${method} ${path}: ${String(error)}`,
      };
      record(500, match.pattern, answer);
      sendJson(response, 500, answer);
      return;
    }
    record(error.status, match.pattern, error.toJSON());
    sendJson(response, error.status, error.toJSON(), undefined, headers);
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function parseBody(
  request: IncomingMessage,
  raw: Buffer,
): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    // The platform's own multipart parser (undici), so no parser dependency.
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': type },
    }).formData();
    const files: UploadedFile[] = [];
    let body: unknown;
    // Some routes (sticker uploads) send their fields as plain form fields, not payload_json.
    const fields: Record<string, string> = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        else fields[field] = value;
      } else {
        const file = { field, name: value.name, size: value.size, contentType: value.type };
        keepFileData(file, Buffer.from(await value.arrayBuffer()));
        files.push(file);
      }
    }
    return { body: body ?? (Object.keys(fields).length > 0 ? fields : undefined), files };
  }
  // OAuth2's token endpoint takes a form, as Discord's does.
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  }
  // Invalid JSON throws; the caller answers Discord's 50109.
  return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
}

/** The 501 reason phrase: printable ASCII only, as HTTP allows in a status line. */
export function notImplementedReason(method: string, path: string): string {
  const route = `${method} ${path}`.replace(/[^\x20-\x7e]/g, '?');
  return `Not Implemented: @zoryx/emulator does not serve ${route} (see docs/emulator.md)`;
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  reason?: string,
  limitHeaders: Record<string, string> = RATE_LIMIT_HEADERS,
): void {
  if (status === 204 || body === undefined) {
    response.writeHead(status === 200 ? 204 : status, limitHeaders);
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  const headers = {
    ...limitHeaders,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  };
  if (reason === undefined) response.writeHead(status, headers);
  else response.writeHead(status, reason, headers);
  response.end(text);
}
