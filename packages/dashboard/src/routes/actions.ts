import type { FastifyRequest } from 'fastify';
import type { Permission } from '../auth/permissions.js';
import type { Notice } from '../pages/layout.js';
import type { Auth, DashboardServices } from '../server/services.js';

/** `code: message` of a coded error (LoaderError, HookError…), else its message. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code: unknown = Reflect.get(error, 'code');
  const first = error.message.split('\nHint:')[0] ?? error.message;
  return typeof code === 'string' ? `${code}: ${first}` : first;
}

function codeOf(error: unknown): string {
  const code: unknown =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : 'error';
}

/**
 * Runs one dashboard action and records it in the audit log (ok, or failed with the error code).
 * The actions call what the Discord commands call (the extension host, the hook bus, the guild):
 * one code path, so a dashboard reload and a `/reload` behave the same.
 */
export async function audited(
  services: DashboardServices,
  request: FastifyRequest,
  auth: Auth,
  action: Permission,
  target: string,
  run: () => Promise<{ notice: Notice; before?: unknown; after?: unknown }>,
): Promise<Notice> {
  let outcome: { notice: Notice; before?: unknown; after?: unknown };
  let result = 'ok';
  try {
    outcome = await run();
    if (outcome.notice.kind === 'error') result = 'failed';
  } catch (error) {
    result = `failed: ${codeOf(error)}`;
    outcome = { notice: { kind: 'error', text: describeFailure(error) } };
  }
  await services.audit.append({
    userId: auth.session.userId,
    role: auth.principal,
    action,
    target,
    before: outcome.before,
    after: outcome.after,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? '',
    result,
    requestId: request.id,
  });
  return outcome.notice;
}

type Host = DashboardServices['ctx']['client']['extensions'];

function versionLine(host: Host, name: string): string {
  const status = host.statusOf(name);
  return `${name} v${status?.version ?? '?'}`;
}

/** Reloads an extension like `/reload`: on failure the loader rolls back, and the notice says so. */
export async function reloadExtension(services: DashboardServices, name: string) {
  const host = services.ctx.client.extensions;
  const before = host.statusOf(name)?.version ?? null;
  try {
    const names = await host.reload(name);
    return {
      notice: {
        kind: 'ok' as const,
        text: `Reloaded ${names.map((n) => versionLine(host, n)).join(', ')}.`,
      },
      before,
      after: host.statusOf(name)?.version ?? null,
    };
  } catch (error) {
    const rolledBack = codeOf(error) === 'ZRX_EXT_RELOAD_FAILED';
    const keeps = rolledBack ? ` Rolled back: ${versionLine(host, name)} keeps running.` : '';
    return {
      notice: {
        kind: 'error' as const,
        text: `Reload of ${name} failed: ${describeFailure(error)}${keeps}`,
      },
      before,
      after: rolledBack ? 'rolled back' : null,
    };
  }
}

/** Loads or unloads an extension like `/load` and `/unload` (the core extension is never unloaded). */
export async function loadOrUnload(
  services: DashboardServices,
  name: string,
  action: 'load' | 'unload',
) {
  const host = services.ctx.client.extensions;
  if (action === 'unload') {
    if (name === 'core' || name === services.ctx.name) {
      return {
        notice: {
          kind: 'error' as const,
          text: `${name} is not unloaded from here: it would leave no way back.`,
        },
      };
    }
    const names = await host.unload(name);
    return { notice: { kind: 'ok' as const, text: `Unloaded ${names.join(', ')}.` } };
  }
  const status = await host.load(name);
  return {
    notice: { kind: 'ok' as const, text: `Loaded ${status.name} v${status.version ?? '?'}.` },
  };
}

/** Lifts a quarantine and loads the extension, like `/extensions unquarantine:<name>`. */
export async function unquarantine(services: DashboardServices, name: string) {
  const status = await services.ctx.client.extensions.unquarantine(name);
  return {
    notice: {
      kind: 'ok' as const,
      text: `Quarantine of ${status.name} lifted; it is ${status.state}.`,
    },
    before: 'quarantined',
    after: status.state,
  };
}

/** Resets, disables or enables a hook like `eh_reset_circuit`, `eh_disable`, `eh_enable`. */
export async function hookAction(
  services: DashboardServices,
  hookId: string,
  action: 'resetBreaker' | 'disable' | 'enable',
) {
  const bus = services.ctx.client.hooks;
  const before = bus.hooks().find((h) => h.id === hookId);
  bus[action](hookId);
  const after = bus.hooks().find((h) => h.id === hookId);
  const words = {
    resetBreaker: 'has its breaker closed',
    disable: 'is disabled',
    enable: 'is enabled',
  };
  return {
    notice: { kind: 'ok' as const, text: `${hookId} ${words[action]}.` },
    before: before && { breaker: before.breaker, enabled: before.enabled },
    after: after && { breaker: after.breaker, enabled: after.enabled },
  };
}

/** Leaves a guild (owner only). */
export async function leaveGuild(services: DashboardServices, guildId: string) {
  const guild = services.ctx.client.guilds.cache.get(guildId);
  if (!guild) return { notice: { kind: 'error' as const, text: 'The bot is not in that guild.' } };
  const name = guild.name;
  await guild.leave();
  return { notice: { kind: 'ok' as const, text: `Left ${name}.` }, before: { name } };
}

/** Backs up one guild's database now: `db.backup(guildId)`, what scheduled backups run. */
export async function backupGuild(services: DashboardServices, guildId: string) {
  const written = await services.ctx.client.db.backup(guildId);
  const names = written.map((p) => p.split(/[\\/]/).pop() ?? p);
  return {
    notice: { kind: 'ok' as const, text: `Backed up: ${names.join(', ')}.` },
    after: { written: names },
  };
}

/**
 * Restores one guild's database from one of ITS backups, named by file name: the name is looked
 * up in `db.listBackups(guildId)`, so no path from the browser ever reaches the file system.
 * `db.restoreGuild` verifies the copy first and waits for queries in flight.
 */
export async function restoreGuild(services: DashboardServices, guildId: string, file: string) {
  const db = services.ctx.client.db;
  const backups = db.listBackups(guildId);
  const path = backups.find((p) => (p.split(/[\\/]/).pop() ?? p) === file);
  if (!path) {
    return {
      notice: { kind: 'error' as const, text: `No backup named ${file} for this guild.` },
    };
  }
  const newest = backups.at(-1)?.split(/[\\/]/).pop() ?? null;
  await db.restoreGuild(guildId, path);
  return {
    notice: { kind: 'ok' as const, text: `Restored the guild's database from ${file}.` },
    before: { backups: backups.length, newestBackup: newest },
    after: { restoredFrom: file },
  };
}
