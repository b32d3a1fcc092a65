import { managedGuildIds } from '../auth/guild-access.js';
import { can } from '../auth/permissions.js';
import type { Auth, DashboardServices } from '../server/services.js';
import { html, type SafeHtml } from './html.js';
import { csrfForm, table } from './layout.js';

const time = (ms: number) => new Date(ms).toISOString();

/** Guilds: every guild for bot-wide roles; only the guilds a manager manages now otherwise. */
export function guildsPage(services: DashboardServices, auth: Auth): SafeHtml {
  const client = services.ctx.client;
  const ids = can(auth.principal, 'guilds.view')
    ? [...client.guilds.cache.keys()]
    : managedGuildIds(client, auth.session.userId);
  const rows = ids.flatMap((id) => {
    const guild = client.guilds.cache.get(id);
    if (!guild) return [];
    return [
      [
        html`<a href="/guilds/${guild.id}">${guild.name}</a>`,
        guild.id,
        guild.memberCount,
        guild.ownerId,
        can(auth.principal, 'guilds.leave')
          ? csrfForm(auth, `/guilds/${guild.id}/leave`, 'Leave', {
              confirm: `Leave ${guild.name}?`,
            })
          : '',
      ],
    ];
  });
  return table(['Guild', 'Id', 'Members', 'Owner', ''], rows, 'guilds');
}

/** One guild: its channels and the members the bot has cached (names shown as text only). */
export function guildPage(services: DashboardServices, guildId: string): SafeHtml | null {
  const guild = services.ctx.client.guilds.cache.get(guildId);
  if (!guild) return null;
  const channels = [...guild.channels.cache.values()].map((c) => [c.name, c.id, String(c.type)]);
  const members = [...guild.members.cache.values()]
    .slice(0, 200)
    .map((m) => [m.user.username, m.displayName, m.id]);
  return html`<h2 id="guild-name">${guild.name}</h2><p>${guild.memberCount} members · owner ${guild.ownerId}</p>
<h2>Channels</h2>${table(['Channel', 'Id', 'Type'], channels, 'channels')}
<h2>Members (cached)</h2>${table(['User', 'Display name', 'Id'], members, 'members')}`;
}

/** Audit log, newest first, paginated, with the chain's verification and the JSON export link. */
export async function auditPage(
  services: DashboardServices,
  pageNumber: number,
): Promise<SafeHtml> {
  const size = 50;
  const { rows, total } = await services.audit.page(pageNumber * size, size);
  const chain = await services.audit.verify();
  const pages = Math.max(1, Math.ceil(total / size));
  return html`<p id="audit-chain">${chain.ok ? `Hash chain intact (${chain.rows} rows).` : `Hash chain broken at row ${chain.brokenAt}.`}
 <a href="/api/audit/export">Export JSON</a></p>
${table(
  ['#', 'Time', 'User', 'Role', 'Action', 'Target', 'Result', 'IP', 'Request'],
  rows.map((r) => [
    r.seq,
    time(r.at),
    r.userId,
    r.role,
    r.action,
    r.target,
    r.result,
    r.ip,
    r.requestId,
  ]),
  'audit',
)}
<p>Page ${pageNumber + 1} of ${pages}${pageNumber + 1 < pages ? html` · <a href="/audit?page=${pageNumber + 1}">Older</a>` : ''}${pageNumber > 0 ? html` · <a href="/audit?page=${pageNumber - 1}">Newer</a>` : ''}</p>`;
}

/** Sessions: live sessions with a revoke button (the key shown is the id's hash prefix). */
export async function sessionsPage(services: DashboardServices, auth: Auth): Promise<SafeHtml> {
  const sessions = await services.sessions.list();
  return table(
    ['User', 'Method', 'Since', 'Expires', 'IP', 'Key', ''],
    sessions.map((s) => [
      `${s.userName} (${s.userId})`,
      s.method,
      time(s.createdAt),
      time(s.expiresAt),
      s.ip,
      s.key.slice(0, 12),
      csrfForm(
        auth,
        `/sessions/${s.key}/revoke`,
        s.key === auth.session.key ? 'Revoke (this one)' : 'Revoke',
      ),
    ]),
    'sessions',
  );
}
