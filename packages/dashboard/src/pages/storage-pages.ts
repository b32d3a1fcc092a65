import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { can } from '../auth/permissions.js';
import type { Auth, DashboardServices } from '../server/services.js';
import { html, type SafeHtml } from './html.js';
import { csrfForm, table } from './layout.js';

/** Guilds listed on the storage page (each links to its backups; listing is per guild). */
const GUILDS_LISTED = 200;

/** A backup as the pages show it: the file name only (never a path), size and time. */
export interface BackupEntry {
  readonly name: string;
  readonly bytes: number | null;
  readonly modified: string;
}

/** The backups of a guild (or of the main database without an id), newest first. */
export function backupEntries(services: DashboardServices, guildId?: string): BackupEntry[] {
  return services.ctx.client.db
    .listBackups(guildId)
    .map((path) => {
      let bytes: number | null = null;
      let modified = '—';
      try {
        const stat = statSync(path);
        bytes = stat.size;
        modified = stat.mtime.toISOString();
      } catch {
        // Pruned between the listing and the stat (or a PostgreSQL logical backup): name only.
      }
      return { name: basename(path), bytes, modified };
    })
    .reverse();
}

/** The guilds with a link to their database backups (the first {@link GUILDS_LISTED} by name). */
export function guildBackupLinks(services: DashboardServices): SafeHtml {
  const guilds = [...services.ctx.client.guilds.cache.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, GUILDS_LISTED);
  return html`<h2>Guild databases</h2>${table(
    ['Guild', 'Id'],
    guilds.map((g) => [html`<a href="/storage/guilds/${g.id}">${g.name}</a>`, g.id]),
    'guild-databases',
  )}`;
}

/**
 * One guild's database backups, with "Back up now" and a "Restore" per backup for those who
 * may (owner, admin). Restoring first shows a confirmation page (see {@link restoreConfirmPage}).
 */
export function guildBackupsPage(
  services: DashboardServices,
  auth: Auth,
  guildId: string,
): SafeHtml | null {
  const guild = services.ctx.client.guilds.cache.get(guildId);
  if (!guild) return null;
  const mayRestore = can(auth.principal, 'storage.restore');
  const rows = backupEntries(services, guildId).map((b) => [
    b.name,
    b.bytes === null ? '—' : String(b.bytes),
    b.modified,
    mayRestore
      ? csrfForm(auth, `/storage/guilds/${guildId}/restore`, 'Restore…', {
          fields: { file: b.name },
        })
      : '',
  ]);
  return html`<h2 id="guild-name">${guild.name}</h2><p>Database backups of guild ${guild.id}, newest first.</p>
${can(auth.principal, 'storage.backup') ? csrfForm(auth, `/storage/guilds/${guildId}/backup`, 'Back up now') : ''}
${table(['File', 'Bytes', 'Written', ''], rows, 'guild-backups')}`;
}

/**
 * The confirmation step of a restore: says what will be replaced, and offers the one button that
 * really restores (with `confirm=restore`) next to a way back.
 */
export function restoreConfirmPage(
  auth: Auth,
  guild: { id: string; name: string },
  file: string,
): SafeHtml {
  return html`<p id="restore-question" class="warn">Restore the database of ${guild.name} (${guild.id}) from ${file}?
 Everything the bot stored for this guild since that backup is replaced. Back up first if you may want it back.</p>
${csrfForm(auth, `/storage/guilds/${guild.id}/restore`, 'Restore now', {
  fields: { file, confirm: 'restore' },
  confirm: `Replace the database of ${guild.name} with ${file}?`,
})}
<a href="/storage/guilds/${guild.id}">Cancel</a>`;
}
