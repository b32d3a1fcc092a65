import type { Notice } from '../pages/layout.js';
import { settingsPatch } from '../pages/settings-form.js';
import type { DashboardServices } from '../server/services.js';
import { describeFailure } from './actions.js';

function codeOf(error: unknown): string {
  const code: unknown =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : 'error';
}

/**
 * Saves a submitted settings form through `bot.extensions.configure` (the framework's one code
 * path: validated by the extension's schema, stored, reloaded with rollback). Audited with the
 * settings before and after, secrets masked by the framework.
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
    return {
      notice: { kind: 'ok', text: `Settings of ${name} saved; reloaded ${versions.join(', ')}.` },
      before: result.before,
      after: result.after,
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
