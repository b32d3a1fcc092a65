import { can, type Permission } from '../auth/permissions.js';
import type { Auth } from '../server/services.js';
import { html, SafeHtml } from './html.js';

/** The pages in the navigation, with the permission each needs. */
export const NAV: readonly { path: string; title: string; permission: Permission }[] = [
  { path: '/', title: 'Overview', permission: 'overview.view' },
  { path: '/commands', title: 'Commands', permission: 'commands.view' },
  { path: '/extensions', title: 'Extensions', permission: 'extensions.view' },
  { path: '/hooks', title: 'Hooks', permission: 'hooks.view' },
  { path: '/storage', title: 'Storage', permission: 'storage.view' },
  { path: '/guilds', title: 'Guilds', permission: 'guilds.view' },
  { path: '/events', title: 'Events', permission: 'events.view' },
  { path: '/system', title: 'System', permission: 'system.view' },
  { path: '/audit', title: 'Audit', permission: 'audit.view' },
  { path: '/sessions', title: 'Sessions', permission: 'sessions.view' },
];

/** A notice above the page content (the result of an action). */
export interface Notice {
  readonly kind: 'ok' | 'error';
  readonly text: string;
}

/**
 * The page frame: navigation for what the user may see, the CSRF token every form carries, and
 * the one external script (live updates). No inline script or style anywhere.
 */
export function layout(
  auth: Auth,
  title: string,
  body: SafeHtml,
  options: { notice?: Notice; live?: string } = {},
): string {
  const links = NAV.filter((n) => can(auth.principal, n.permission));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${auth.session.csrf}">
<title>${title} · Zoryx dashboard</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body data-live="${options.live ?? ''}">
<header>
<strong>Zoryx</strong>
<nav>${links.map((l) => html`<a href="${l.path}">${l.title}</a>`)}${
    auth.principal === 'guild-manager' ? html`<a href="/guilds">My guilds</a>` : ''
  }</nav>
<span class="who">${auth.session.userName} (${auth.principal})</span>
${csrfForm(auth, '/logout', 'Log out')}
</header>
<main>
<h1>${title}</h1>
${options.notice ? html`<p class="notice ${options.notice.kind}" role="status">${options.notice.text}</p>` : ''}
${body}
</main>
</body>
</html>`.value;
}

/** A one-button POST form carrying the CSRF token. */
export function csrfForm(
  auth: Auth,
  action: string,
  label: string,
  options: { confirm?: string; fields?: Record<string, string> } = {},
): SafeHtml {
  return html`<form method="post" action="${action}" class="inline"${
    options.confirm ? html` data-confirm="${options.confirm}"` : ''
  }><input type="hidden" name="_csrf" value="${auth.session.csrf}">${Object.entries(
    options.fields ?? {},
  ).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
  )}<button type="submit">${label}</button></form>`;
}

/** A table with a header row. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  id?: string,
): SafeHtml {
  return html`<table${id ? html` id="${id}"` : ''}><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows.map(
    (row) =>
      html`<tr>${row.map((cell) => html`<td>${cell instanceof SafeHtml ? cell : String(cell ?? '')}</td>`)}</tr>`,
  )}</tbody></table>`;
}
