import { z } from 'zod';
import { uptimeKumaConfigSchema } from './probes/uptime-kuma.js';

const snowflakes = z.array(z.string().regex(/^\d{15,21}$/)).default([]);

/**
 * `extensions.config.dashboard`. Only `host`, `port`, `publicStatus` and `oauth` are the
 * contract; the rest are the knobs a production deployment needs (a proxy, TLS, bot-wide roles).
 */
export const dashboardConfigSchema = z.object({
  /** Interface to bind. Default 127.0.0.1; anything else needs `tls` or `trustProxy` + https `publicOrigin`. */
  host: z.string().min(1).default('127.0.0.1'),
  /** TCP port; 0 takes any free port. */
  port: z.number().int().min(0).max(65_535).default(7420),
  /** Serve the public status page (`/status`) without login. Off by default. */
  publicStatus: z.boolean().default(false),
  /** Discord OAuth2 login (code flow with PKCE); without it only one-time links log in. */
  oauth: z
    .object({
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      redirectUri: z.string().url(),
    })
    .optional(),
  /** The origin browsers use when it is not the bound address (behind a proxy): `https://dash.example`. */
  publicOrigin: z.string().url().optional(),
  /** Trust `X-Forwarded-*` from a reverse proxy (only with an https `publicOrigin`). */
  trustProxy: z.boolean().default(false),
  /** Serve https directly: PEM file paths. */
  tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
  /** Bot-wide roles by user id (bot owners are always `owner`). */
  roles: z
    .object({ admin: snowflakes, operator: snowflakes, viewer: snowflakes })
    .default({ admin: [], operator: [], viewer: [] }),
  /** How long a session lives without use, in hours. */
  sessionHours: z
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Live page connections (SSE) at once, over all sessions. */
  maxLiveConnections: z.number().int().min(1).max(1000).default(20),
  /** Push monitoring to Uptime Kuma: `{ pushUrl, intervalSeconds }` (the URL is never logged). */
  uptimeKuma: uptimeKumaConfigSchema.optional(),
  /**
   * A dedicated probe port: `/livez`, `/readyz`, `/status.json` and `/metrics` answered on a
   * thread of their own, never waiting for the bot's event loop (see the README). Off unless
   * set; the dashboard's port keeps serving the same routes. Same binding rules as `host`.
   */
  probes: z
    .object({
      /** Interface to bind. Default 127.0.0.1; elsewhere needs `tls` or `trustProxy` + https `publicOrigin`. */
      host: z.string().min(1).default('127.0.0.1'),
      /** TCP port; 0 takes any free port. */
      port: z.number().int().min(0).max(65_535),
      /** `/livez` answers 503 when the bot's event loop has not turned for this long (ms). */
      blockedMs: z.number().int().min(1_000).max(600_000).default(10_000),
      /**
       * Linux only: the probe thread's nice value (-20…19; below 0 needs CAP_SYS_NICE). On a
       * saturated machine a probe waits for a core behind the command load; a negative value
       * lets the thread preempt it. Not permitted → a warning, the thread runs at the default.
       */
      priority: z.number().int().min(-20).max(19).optional(),
    })
    .optional(),
  /** Print a login link for the first bot owner at start (default: when NODE_ENV is not production). */
  printLoginLink: z.boolean().optional(),
});

/** The validated `extensions.config.dashboard` (`ctx.config`). */
export type DashboardConfig = z.output<typeof dashboardConfigSchema>;
/** What `config.json` may hold under `extensions.config.dashboard`. */
export type DashboardConfigInput = z.input<typeof dashboardConfigSchema>;
