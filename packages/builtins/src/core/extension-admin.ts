import { defineCommand, type ExtensionStatus } from '@zoryx/framework';
import { styledEmbed, successEmbed, warningEmbed } from '../shared/embeds.js';
import { formatMs } from '../shared/format.js';
import { replyError, respond } from '../shared/replies.js';

const nameOption = {
  extension: { kind: 'string', description: 'Name of the extension', required: true, max: 64 },
} as const;

/** `code: message` and the hint of a coded error (LoaderError and friends), else the message. */
export function describeFailure(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, message, hint } = error as { code?: unknown; message?: unknown; hint?: unknown };
  const head = typeof code === 'string' ? `\`${code}\`: ${String(message)}` : String(message);
  return typeof hint === 'string' ? `${head}\nHint: ${hint}` : head;
}

function line(status: ExtensionStatus | undefined, name: string): string {
  return status
    ? `\`${name}\` v${status.version ?? '?'} · ${formatMs(status.loadTimeMs)}`
    : `\`${name}\``;
}

/** `load <extension>`: loads an extension (and the ones that waited for it). Owner-only. */
export const loadCommand = defineCommand({
  name: 'load',
  description: 'Loads an extension by name (bot owners)',
  access: 'owner',
  options: nameOption,
  async run(interaction, { extension }, { client, logger }) {
    const host = client.extensions;
    const before = new Set(
      host
        .status()
        .filter((s) => s.state === 'loaded')
        .map((s) => s.name),
    );
    try {
      const status = await host.load(extension);
      const also = host
        .status()
        .filter((s) => s.state === 'loaded' && !before.has(s.name) && s.name !== status.name);
      return respond(interaction, [
        successEmbed(
          `Loaded ${line(status, status.name)}.${also.length > 0 ? `\nAlso loaded (they were waiting for it): ${also.map((s) => line(s, s.name)).join(', ')}` : ''}`,
          'Extension loaded',
        ),
      ]);
    } catch (error) {
      return replyError(interaction, `Could not load \`${extension}\`: ${describeFailure(error)}`, {
        error,
        logger,
      });
    }
  },
});

/** `unload <extension>`: unloads an extension and its dependents (dependents first). Owner-only. */
export const unloadCommand = defineCommand({
  name: 'unload',
  description: 'Unloads an extension and its dependents (bot owners)',
  access: 'owner',
  options: nameOption,
  async run(interaction, { extension }, { client, logger }) {
    const host = client.extensions;
    if (extension.trim().toLowerCase() === 'core') {
      return respond(interaction, [
        warningEmbed(
          'The core extension carries `load`, `unload` and `reload`: unloading it would leave no way back. Use `reload core`, or remove it from config.json and restart.',
          'Not unloaded',
        ),
      ]);
    }
    try {
      const names = await host.unload(extension);
      const dependents = names.filter((n) => n !== extension.trim().toLowerCase());
      return respond(interaction, [
        successEmbed(
          `Unloaded ${names.map((n) => `\`${n}\``).join(', ')}.${dependents.length > 0 ? `\nDependents unloaded first: ${dependents.map((n) => `\`${n}\``).join(', ')}` : ''}`,
          'Extension unloaded',
        ),
      ]);
    } catch (error) {
      return replyError(
        interaction,
        `Could not unload \`${extension}\`: ${describeFailure(error)}`,
        { error, logger },
      );
    }
  },
});

/**
 * `reload <extension>`: reloads an extension and its dependents from their files; on failure the
 * previous versions keep running (rollback) and the error is shown. Owner-only.
 */
export const reloadCommand = defineCommand({
  name: 'reload',
  description: 'Reloads an extension and its dependents, rolling back on failure (bot owners)',
  access: 'owner',
  options: nameOption,
  async run(interaction, { extension }, { client, logger }) {
    const host = client.extensions;
    try {
      const names = await host.reload(extension);
      return respond(interaction, [
        styledEmbed(
          'success',
          'Extension reloaded',
          `Reloaded ${names.length} extension(s), dependencies first.`,
          [{ name: 'Reloaded', value: names.map((n) => line(host.statusOf(n), n)).join('\n') }],
        ),
      ]);
    } catch (error) {
      const rolledBack = (error as { code?: unknown }).code === 'ZRX_EXT_RELOAD_FAILED';
      const running = host.statusOf(extension);
      const note = rolledBack
        ? `\nRolled back: ${line(running, extension.trim().toLowerCase())} keeps running.`
        : '';
      return replyError(
        interaction,
        `Reload of \`${extension}\` failed: ${describeFailure(error)}${note}`,
        { error, logger },
      );
    }
  },
});
