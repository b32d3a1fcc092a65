import type { AuditLog } from '../audit/audit-log.js';
import type { LoginLinks } from '../auth/login-links.js';
import type { OAuthFlow } from '../auth/oauth-flow.js';
import type { Principal } from '../auth/permissions.js';
import type { Session, SessionStore } from '../auth/sessions.js';
import type { DashboardConfig } from '../config.js';
import type { DashboardContext } from '../context.js';
import type { LiveHub } from '../live/live-hub.js';
import type { ExtensionPages } from '../pages/extension-pages.js';
import type { LoopLag } from '../probes/loop-lag.js';
import type { DashboardMetrics } from '../probes/metrics.js';
import type { ProbeDocuments } from '../probes/probe-documents.js';
import type { ReadinessSnapshot } from '../probes/readiness-snapshot.js';
import type { RestHealth } from '../probes/rest-health.js';

/** Everything the routes work with; one per loaded dashboard. */
export interface DashboardServices {
  readonly ctx: DashboardContext;
  readonly config: DashboardConfig;
  readonly sessions: SessionStore;
  readonly links: LoginLinks;
  readonly audit: AuditLog;
  readonly metrics: DashboardMetrics;
  readonly lag: LoopLag;
  /** Recent REST answers, for the `rest` readiness check. */
  readonly restHealth: RestHealth;
  /** `/status.json` and `/metrics`, pre-serialised off the request path. */
  readonly probes: ProbeDocuments;
  /** The readiness checks of the last `/status.json` build (the `/readyz` fast path). */
  readonly readiness: ReadinessSnapshot;
  readonly live: LiveHub;
  readonly extensionPages: ExtensionPages;
  readonly oauth: OAuthFlow | undefined;
  /** The origin browsers use (`http://127.0.0.1:PORT`, or `publicOrigin`); known once listening. */
  origin(): string;
  /** Origins whose requests may change anything (`Origin` header of a mutation). */
  allowedOrigins(): readonly string[];
  /** True from the start of shutdown: `/readyz` answers 503 while the server drains. */
  draining(): boolean;
  /** When the dashboard started (for uptime). */
  readonly startedAt: number;
}

/** Who is asking, for one request (resolved from the session cookie). */
export interface Auth {
  readonly session: Session;
  /** Decided on every request, never stored in the session. */
  readonly principal: Principal;
}
