/** What a route handler receives. */
export interface RouteRequest {
  method: string;
  /** The route pattern, e.g. `/channels/:channel_id/messages`. */
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  /** The `X-Audit-Log-Reason` header, URI-decoded. */
  reason: string | null;
  /** The `Authorization` header (OAuth2 bearer routes read the token from it). */
  authorization?: string;
}

/** A file uploaded with multipart/form-data (`files[n]`). */
export interface UploadedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
}

/** What a handler returns: a JSON body (200), `undefined` (204), or a status + body. */
export type RouteResult = unknown;

/** A route handler. */
export type RouteHandler = (request: RouteRequest) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: RouteHandler;
  auth: boolean;
}

/** A matched route. */
export interface RouteMatch {
  pattern: string;
  params: Record<string, string>;
  handler: RouteHandler;
  auth: boolean;
}

/** Answers a handler can return to pick the status. */
export class RouteResponse {
  /** An answer with an explicit status (201 Created, 200 with a body after an upsert…). */
  public constructor(
    public readonly status: number,
    public readonly body: unknown,
  ) {}
}

/** A 302 to `location` (the OAuth2 consent page sends the browser back to the app). */
export class RedirectResponse {
  public constructor(public readonly location: string) {}
}

/**
 * A minimal method + path router (`:name` segments). Hand-written because the emulator needs
 * only exact segment matching and the matched pattern for its request log and 501 answers;
 * a framework router would add a dependency for a 40-line concern.
 */
export class Router {
  /**
   * Routes by method and segment count, in registration order: only those can match a path,
   * so a request scans a handful instead of every route (the first match still wins).
   */
  readonly #routes = new Map<string, Route[]>();

  /** Registers a handler; `auth: false` for routes Discord serves without a bot token. */
  public on(method: string, pattern: string, handler: RouteHandler, auth = true): void {
    const segments = pattern.split('/').slice(1);
    const key = `${method} ${segments.length}`;
    let list = this.#routes.get(key);
    if (!list) {
      list = [];
      this.#routes.set(key, list);
    }
    list.push({ method, pattern, segments, handler, auth });
  }

  /** Finds the route for a method and a path below `/api/v10`. */
  public match(method: string, path: string): RouteMatch | null {
    // Discord serves `/gateway/` as `/gateway`: a trailing slash names the same resource.
    const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
    const parts = trimmed
      .split('/')
      .slice(1)
      .map((part) => (part.includes('%') ? decodeURIComponent(part) : part));
    for (const route of this.#routes.get(`${method} ${parts.length}`) ?? []) {
      const params: Record<string, string> = {};
      let ok = true;
      for (let index = 0; index < parts.length; index += 1) {
        const segment = route.segments[index] ?? '';
        const part = parts[index] ?? '';
        if (segment.startsWith(':')) params[segment.slice(1)] = part;
        else if (segment !== part) {
          ok = false;
          break;
        }
      }
      if (ok) return { pattern: route.pattern, params, handler: route.handler, auth: route.auth };
    }
    return null;
  }
}
