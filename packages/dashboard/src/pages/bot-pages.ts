import { can } from '../auth/permissions.js';
import { currentChecks } from '../probes/health.js';
import { botStatus } from '../probes/status-document.js';
import type { Auth, DashboardServices } from '../server/services.js';
import { html, type SafeHtml } from './html.js';
import { csrfForm, table } from './layout.js';
import { hasSettings } from './settings-pages.js';

const time = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : '—');

/** Overview: the seed's status fields (updated live) and the health checks. */
export async function overviewPage(services: DashboardServices): Promise<SafeHtml> {
  const [status, checks] = await Promise.all([
    botStatus(services),
    currentChecks(services.ctx, services.lag, services.restHealth),
  ]);
  const field = (key: keyof typeof status, label: string) =>
    html`<dt>${label}</dt><dd data-field="${key}">${String(status[key] ?? '—')}</dd>`;
  return html`<dl id="status">${[
    field('online', 'Online'),
    field('guilds', 'Guilds'),
    field('users', 'Users'),
    field('latencyMs', 'Latency (ms)'),
    field('uptimeSeconds', 'Uptime (s)'),
    field('lastHeartbeat', 'Last heartbeat'),
    field('errorRate', 'Error rate'),
    field('version', 'Dashboard version'),
  ]}</dl>
<h2>Health</h2>${table(
    ['Check', 'Status', 'Detail'],
    checks.map((c) => [c.name, html`<span class="${c.status}">${c.status}</span>`, c.detail]),
  )}`;
}

/** Commands: usage, route (slash, folded, prefix-only) and the slash-limit plan. */
export async function commandsPage(services: DashboardServices): Promise<SafeHtml> {
  const client = services.ctx.client;
  const usage = new Map((await client.commandStats()).map((s) => [s.name, s]));
  const errors = await services.metrics.errorsByCommand();
  const plan = client.commandService.table?.plan;
  const rows = [...client.stores.get('commands').values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((command) => {
      const stat = usage.get(command.name);
      return [
        command.name,
        command.description,
        client.ownerOfCommand(command) ?? '—',
        plan?.routes[command.name]?.kind ?? '—',
        stat?.count ?? 0,
        errors.get(command.name) ?? 0,
        stat?.lastUsed ? stat.lastUsed.toISOString() : '—',
      ];
    });
  const planLine = plan
    ? html`<p>Slash commands registered: ${plan.status.used} / ${plan.status.limit} (${plan.status.level})</p>${plan.status.warnings.map((w) => html`<p class="warn">${w}</p>`)}`
    : html`<p>No command plan yet.</p>`;
  return html`${planLine}${table(['Command', 'Description', 'Extension', 'Route', 'Uses', 'Errors (since start)', 'Last used'], rows, 'commands')}`;
}

/** Extensions: state, version, dependencies, errors, and load/unload/reload for who may. */
export function extensionsPage(services: DashboardServices, auth: Auth): SafeHtml {
  const host = services.ctx.client.extensions;
  const manifests = new Map(host.manifests().map((m) => [m.name, m]));
  const pages = new Set(services.extensionPages.names());
  const rows = host.status().map((s) => {
    const deps = Object.entries(manifests.get(s.name)?.dependencies ?? {}).map(
      ([n, r]) => `${n} ${r}`,
    );
    const actions: SafeHtml[] = [];
    if (can(auth.principal, 'extensions.reload')) {
      actions.push(csrfForm(auth, `/extensions/${encodeURIComponent(s.name)}/reload`, 'Reload'));
    }
    if (can(auth.principal, 'extensions.load') && s.state !== 'loaded') {
      actions.push(csrfForm(auth, `/extensions/${encodeURIComponent(s.name)}/load`, 'Load'));
    }
    if (
      can(auth.principal, 'extensions.unload') &&
      s.state === 'loaded' &&
      s.name !== services.ctx.name
    ) {
      actions.push(
        csrfForm(auth, `/extensions/${encodeURIComponent(s.name)}/unload`, 'Unload', {
          confirm: `Unload ${s.name}?`,
        }),
      );
    }
    if (can(auth.principal, 'extensions.unquarantine') && s.state === 'quarantined') {
      actions.push(
        csrfForm(auth, `/extensions/${encodeURIComponent(s.name)}/unquarantine`, 'Unquarantine'),
      );
    }
    if (pages.has(s.name))
      actions.push(html`<a href="/extensions/${encodeURIComponent(s.name)}/page">Page</a>`);
    if (hasSettings(services, s.name))
      actions.push(html`<a href="/extensions/${encodeURIComponent(s.name)}/settings">Settings</a>`);
    return [
      s.name,
      s.version ?? '—',
      s.state,
      deps.join(', ') || '—',
      s.lastError ? `${s.lastError.causeCode ?? s.lastError.code}: ${s.lastError.message}` : '—',
      html`${actions}`,
    ];
  });
  return table(
    ['Extension', 'Version', 'State', 'Dependencies', 'Last error', 'Actions'],
    rows,
    'extensions',
  );
}

/** Hooks: metrics and breaker state, with reset/disable/enable for who may. */
export function hooksPage(services: DashboardServices, auth: Auth): SafeHtml {
  const bus = services.ctx.client.hooks;
  const stats = bus.stats();
  const rows = bus.hooks().map((h) => {
    const fields = { hook: h.id };
    const actions: SafeHtml[] = [];
    if (can(auth.principal, 'hooks.resetBreaker') && h.breaker !== 'closed') {
      actions.push(csrfForm(auth, '/hooks/reset-breaker', 'Reset breaker', { fields }));
    }
    if (can(auth.principal, h.enabled ? 'hooks.disable' : 'hooks.enable')) {
      actions.push(
        csrfForm(
          auth,
          h.enabled ? '/hooks/disable' : '/hooks/enable',
          h.enabled ? 'Disable' : 'Enable',
          { fields },
        ),
      );
    }
    return [
      h.id,
      h.event,
      h.owner ?? '—',
      h.metrics.calls,
      h.metrics.failures,
      h.metrics.avgDurationMs.toFixed(2),
      html`<span class="breaker" data-hook="${h.id}">${h.breaker}</span>`,
      h.enabled ? 'yes' : 'no',
      html`${actions}`,
    ];
  });
  return html`<p>Queue ${stats.queued}/${stats.capacity} · dropped ${stats.dropped} · dispatched ${stats.dispatched}</p>${table(
    ['Hook', 'Event', 'Extension', 'Calls', 'Failures', 'Avg ms', 'Breaker', 'Enabled', 'Actions'],
    rows,
    'hooks',
  )}`;
}

/** Storage: store and database counters, and the main database's backups (names only). */
export function storagePage(services: DashboardServices): SafeHtml {
  const client = services.ctx.client;
  const store = client.store.stats();
  const db = client.db.stats();
  const backups = client.db.listBackups().map((path) => path.split(/[\\/]/).pop() ?? path);
  return html`<h2>Store</h2>${table(
    ['Counter', 'Value'],
    Object.entries(store).map(([k, v]) => [k, String(v)]),
    'store',
  )}
<h2>Database</h2>${table(
    ['Counter', 'Value'],
    Object.entries(db).map(([k, v]) => [k, String(v)]),
    'database',
  )}
<h2>Backups of the main database</h2>${table(
    ['File'],
    backups.map((b) => [b]),
    'backups',
  )}`;
}

/** System: memory, CPU time, event-loop lag history. */
export function systemPage(services: DashboardServices): SafeHtml {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const lag = services.lag.current();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return html`<dl>
<dt>Resident memory</dt><dd>${mb(memory.rss)}</dd><dt>Heap used</dt><dd>${mb(memory.heapUsed)}</dd>
<dt>CPU user</dt><dd>${(cpu.user / 1e6).toFixed(1)} s</dd><dt>CPU system</dt><dd>${(cpu.system / 1e6).toFixed(1)} s</dd>
<dt>Event-loop lag p99</dt><dd>${lag.p99Ms.toFixed(1)} ms</dd><dt>Node</dt><dd>${process.version}</dd>
</dl><h2>Event-loop lag history</h2>${table(
    ['Time', 'p99 ms', 'mean ms'],
    [...services.lag.history()]
      .reverse()
      .map((h) => [time(h.at), h.p99Ms.toFixed(1), h.meanMs.toFixed(1)]),
    'lag-history',
  )}`;
}

/** Events: the hook bus's recent dispatches, newest first (new ones arrive live). */
export function eventsPage(services: DashboardServices): SafeHtml {
  const records = services.ctx.client.hooks.history({ limit: 100 }).reverse();
  return table(
    ['Time', 'Event', 'Detail'],
    records.map((r) => [
      time(r.startedAt),
      r.event,
      `${r.succeeded} ok, ${r.failed} failed, ${r.durationMs.toFixed(1)} ms`,
    ]),
    'events',
  );
}
