import { can } from '../auth/permissions.js';
import type { Auth, DashboardServices } from '../server/services.js';
import { html, type SafeHtml } from './html.js';
import { settingsFields } from './settings-form.js';

/** Whether an extension's settings page is offered: a config schema, and loaded or failed. */
export function hasSettings(services: DashboardServices, name: string): boolean {
  const host = services.ctx.client.extensions;
  const state = host.statusOf(name)?.state;
  // Like extension pages, settings vanish when the extension is unloaded; a failed one keeps
  // them, so a bad setting can be fixed from here.
  return (state === 'loaded' || state === 'failed') && host.configSchemaOf(name) !== undefined;
}

/**
 * An extension's settings page: the form drawn from its config schema (read-only for roles
 * without `extensions.configure`, and for the dashboard itself, whose reload would close the
 * page). Secrets are never in it. `null` when the extension has no settings to show.
 */
export async function settingsPage(
  services: DashboardServices,
  auth: Auth,
  name: string,
): Promise<SafeHtml | null> {
  if (!hasSettings(services, name)) return null;
  const settings = await services.ctx.client.extensions.settingsOf(name);
  const own = name === services.ctx.name;
  const editable = can(auth.principal, 'extensions.configure') && !own;
  const where = settings.overridden
    ? html`<p>Changed from the dashboard: stored in the bot's data folder over <code>config.json</code> (which is never rewritten).</p>`
    : '';
  if (!settings.schema) {
    return html`${where}<p class="warn">This extension's config schema is not zod, so no form can be drawn; its values:</p><pre>${JSON.stringify(settings.values, null, 2)}</pre>`;
  }
  const note = own
    ? html`<p>The dashboard's own settings are read-only here: saving them would reload the dashboard and close this page. Change them in <code>config.json</code>.</p>`
    : editable
      ? ''
      : html`<p>Changing settings needs the <code>extensions.configure</code> permission (owner, admin).</p>`;
  const form = html`<form method="post" action="/extensions/${encodeURIComponent(name)}/settings" class="settings"><input type="hidden" name="_csrf" value="${auth.session.csrf}"><fieldset${editable ? '' : html` disabled`}>${settingsFields(
    { schema: settings.schema, values: settings.values, secretPaths: settings.secretPaths },
  )}</fieldset>${editable ? html`<button type="submit">Save and reload</button>` : ''}</form>`;
  return html`${note}${where}${form}<p><small>Saving validates the settings with the extension's schema, then reloads it; if the reload fails the previous settings are restored (rollback).</small></p>`;
}
