import type { Notice } from '../pages/layout.js';
import { settingsPatch } from '../pages/settings-form.js';
import type { DashboardServices } from '../server/services.js';
import { describeFailure } from './actions.js';

/**
 * The key of a settings audit row's `after` listing the dotted paths the change unset
 * (`{ "(unset)": ["webhook.secret"] }`); present only when something was unset.
 */
export const UNSET_KEY = '(unset)';

function codeOf(error: unknown): string {
  const code: unknown =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : 'error';
}

/**
 * Saves a submitted settings form through `bot.extensions.configure` (the framework's one code
 * path: validated by the extension's schema, stored, reloaded with rollback). An emptied
 * optional field is sent as `null` (JSON Merge Patch: unset). Audited with the settings before
 * and after, secrets masked by the framework, and the unset paths under {@link UNSET_KEY}.
 */
export async function configureExtension(
  services: DashboardServices,
  name: string,
  body: unknown,
): Promise<{ notice: Notice; before?: unknown; after?: unknown }> {
  const host = services.ctx.client.extensions;
  if (name === services.ctx.name) {
    return {
      notice: {
        kind: 'error',
        text: `The dashboard's own settings are changed in config.json: reloading it from here would close this page.`,
      },
    };
  }
  const settings = await host.settingsOf(name);
  if (!settings.schema) {
    return {
      notice: { kind: 'error', text: `${name} has no settings form (its schema is not zod).` },
    };
  }
  const patch = settingsPatch(
    { schema: settings.schema, values: settings.values, secretPaths: settings.secretPaths },
    body,
  );
  try {
    const result = await host.configure(name, patch);
    const versions = result.reloaded.map((n) => `${n} v${host.statusOf(n)?.version ?? '?'}`);
    const unset = result.unset.length > 0 ? ` Unset: ${result.unset.join(', ')}.` : '';
    return {
      notice: {
        kind: 'ok',
        text: `Settings of ${name} saved; reloaded ${versions.join(', ')}.${unset}`,
      },
      before: result.before,
      // What was unset is named in the row, not only implied by before/after (a key with a
      // default shows its default after): under a key no config uses.
      after:
        result.unset.length > 0 ? { ...result.after, [UNSET_KEY]: result.unset } : result.after,
    };
  } catch (error) {
    const code = codeOf(error);
    const rolledBack = code === 'ZRX_EXT_RELOAD_FAILED';
    const keeps = rolledBack
      ? ` Rolled back: ${name} v${host.statusOf(name)?.version ?? '?'} keeps running with its previous settings.`
      : '';
    return {
      notice: {
        kind: 'error',
        text: `Settings of ${name} not saved: ${describeFailure(error)}${keeps}`,
      },
      before: settings.values,
      after: rolledBack ? 'rolled back' : `refused (${code})`,
    };
  }
}
