/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * `@zoryx/dashboard` throws {@link DashboardError} with these codes.
 *
 * @remarks The single source of these codes: {@link DashboardErrorCode} is derived from its keys, a
 * {@link DashboardError} without its own hint takes the one here, and docs/errors.md is generated
 * from it (`node scripts/errors-doc.mjs`).
 */
export const dashboardErrorCatalogue = {
  ZRX_DASHBOARD_BIND_REFUSED: {
    meaning:
      '`extensions.config.dashboard.host` is not a loopback address and neither TLS nor `trustProxy` with an https `publicOrigin` is configured',
    hint: 'Keep the default host 127.0.0.1 and put a TLS-terminating reverse proxy in front (`trustProxy: true, publicOrigin: "https://…"`), or configure `tls: { cert, key }`.',
  },
  ZRX_DASHBOARD_LISTEN: {
    meaning: 'the dashboard server could not listen on the configured host and port',
    hint: 'Pick a free port (`port: 0` takes any free one) or stop the process that holds it.',
  },
  ZRX_DASHBOARD_PROBE_THREAD_EXITED: {
    meaning:
      "the probe port's thread (`probes: { port }`) crashed or exited; it is reported (logged) and started again on the same port",
    hint: 'Nothing to do if it recovers; if it keeps exiting, the logged cause (the thread’s error) says why — the dashboard port keeps serving the same probes meanwhile.',
  },
  ZRX_DASHBOARD_ROUTE_LIST_ONLY: {
    meaning:
      'a handler of a route list made by `guardedRoutes()` without services was called (such a list only describes the routes)',
    hint: 'Pass the dashboard services to `guardedRoutes(services)` when the routes are to be served.',
  },
  ZRX_DASHBOARD_OAUTH: {
    meaning: 'the Discord OAuth2 exchange failed (token or user request answered an error)',
    hint: 'Check `oauth.clientId`, `oauth.clientSecret` and that `oauth.redirectUri` is registered for the application.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every stable error code `@zoryx/dashboard` throws: the keys of {@link dashboardErrorCatalogue}. */
export type DashboardErrorCode = keyof typeof dashboardErrorCatalogue;

/**
 * The error class of `@zoryx/dashboard`: a stable `code`, a message naming what was wrong, and a
 * `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await bot.start(); }
 * catch (error) { if (error instanceof DashboardError) console.error(error.code, error.hint); }
 * ```
 */
export class DashboardError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_DASHBOARD_BIND_REFUSED`. */
  public readonly code: DashboardErrorCode;
  /** A concrete next step for the person who sees the error. */
  public readonly hint: string;

  /** Creates an error; `hint` defaults to the catalogue's. */
  public constructor(
    code: DashboardErrorCode,
    message: string,
    hint?: string,
    options?: { cause?: unknown },
  ) {
    const resolved = hint ?? dashboardErrorCatalogue[code].hint;
    super(`${message}\nHint: ${resolved}`, options);
    this.name = 'DashboardError';
    this.code = code;
    this.hint = resolved;
  }
}
