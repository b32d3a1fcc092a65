import type { BotStatus } from '../probes/status-document.js';
import { html, type SafeHtml } from './html.js';

/** The optional public status page: the seed bot's fields, refreshed by the external script. */
export function publicStatusPage(status: BotStatus): SafeHtml {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bot status</title>
<link rel="stylesheet" href="/assets/app.css"><script src="/assets/app.js" defer></script></head>
<body data-live="public"><main><h1>Bot status</h1>
<dl>
<dt>Online</dt><dd data-field="online">${status.online ? 'yes' : 'no'}</dd>
<dt>Guilds</dt><dd data-field="guilds">${status.guilds}</dd>
<dt>Users</dt><dd data-field="users">${status.users}</dd>
<dt>Latency</dt><dd data-field="latencyMs">${status.latencyMs}</dd>
<dt>Uptime (s)</dt><dd data-field="uptimeSeconds">${status.uptimeSeconds}</dd>
<dt>Last heartbeat</dt><dd data-field="lastHeartbeat">${status.lastHeartbeat ?? '—'}</dd>
<dt>Error rate</dt><dd data-field="errorRate">${status.errorRate}</dd>
</dl></main></body></html>`;
}
