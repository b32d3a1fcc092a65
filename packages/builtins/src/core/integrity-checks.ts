import { randomUUID } from 'node:crypto';
import type { ZoryxClient } from '@zoryx/framework';
import { type ExtensionManifest, resolve } from '@zoryx/resolver';
import { BuiltinsError } from '../errors.js';

declare module '@zoryx/framework' {
  interface HookEvents {
    /** Emitted by `integritycheck` to prove the bus dispatches (only its own probe listens). */
    zoryx_integrity_probe: { token: string };
  }
}

/** The outcome of one integrity check. */
export interface IntegrityCheckResult {
  name: 'store' | 'database' | 'extensions' | 'resolver' | 'hooks';
  ok: boolean;
  detail: string;
  durationMs: number;
}

/** Store path of the probe file written (and deleted) by the store check. */
export const STORE_PROBE_DIR = 'framework/integrity';

async function timed(
  name: IntegrityCheckResult['name'],
  check: () => Promise<string>,
): Promise<IntegrityCheckResult> {
  const started = performance.now();
  try {
    const detail = await check();
    return { name, ok: true, detail, durationMs: performance.now() - started };
  } catch (error) {
    return {
      name,
      ok: false,
      detail: (error as Error).message,
      durationMs: performance.now() - started,
    };
  }
}

/** Ends a check as failed; `timed` turns the error's message into the check's detail. */
function fail(message: string): never {
  throw new BuiltinsError('ZRX_INTEGRITY_CHECK_FAILED', message);
}

/** Writes a probe file, reads it back from disk (not the cache), deletes it. */
export function checkStore(bot: ZoryxClient): Promise<IntegrityCheckResult> {
  return timed('store', async () => {
    const token = randomUUID();
    const path = `${STORE_PROBE_DIR}/probe-${token}.json`;
    await bot.store.writeJson(path, { token });
    const read = await bot.store.readJson<{ token: string }>(path, { cache: false });
    const deleted = await bot.store.delete(path);
    if (read?.token !== token)
      fail(`read back ${JSON.stringify(read)} instead of the probe written`);
    if (!deleted) fail('the probe file could not be deleted');
    const { failures, corruptFiles } = bot.store.stats();
    return `write → uncached read → delete ok · ${failures} failures · ${corruptFiles} corrupt files so far`;
  });
}

/** Queries the main database and, in a guild, that guild's database and settings. */
export function checkDatabase(
  bot: ZoryxClient,
  guildId: string | null,
): Promise<IntegrityCheckResult> {
  return timed('database', async () => {
    const usage = await bot.commandStats();
    const parts = [`main ok (${usage.length} command-usage rows)`];
    if (guildId) {
      const guild = await bot.db.guild(guildId);
      const rows = await guild.selectFrom('zoryx_command_roles').select('command').execute();
      const prefix = await bot.settings(guildId).get('prefix');
      if (typeof prefix !== 'string' || prefix.length === 0)
        fail(`guild prefix is ${JSON.stringify(prefix)}`);
      parts.push(`guild ok (${rows.length} command-role rows, prefix \`${prefix}\`)`);
    }
    return parts.join(' · ');
  });
}

/** No extension failed, and every piece a loaded extension owns is in its Sapphire store. */
export function checkExtensions(bot: ZoryxClient): Promise<IntegrityCheckResult> {
  return timed('extensions', async () => {
    const statuses = bot.extensions.status();
    const failed = statuses.filter((s) => s.state === 'failed');
    if (failed.length > 0) {
      fail(
        `failed: ${failed.map((s) => `${s.name} (${s.lastError?.code ?? 'unknown'})`).join(', ')}`,
      );
    }
    const loaded = statuses.filter((s) => s.state === 'loaded');
    let pieces = 0;
    const missing: string[] = [];
    for (const { name } of loaded) {
      for (const piece of bot.pieceOwners.piecesOf(name)) {
        pieces++;
        if (!bot.stores.get(piece.store).has(piece.name))
          missing.push(`${name}:${piece.store}/${piece.name}`);
      }
    }
    if (missing.length > 0) fail(`pieces missing from their stores: ${missing.join(', ')}`);
    return `${loaded.length} loaded, ${pieces} pieces present`;
  });
}

/**
 * Re-resolves the running extension graph: each loaded extension with the loaded extensions it
 * depends on (per the host's plan) must resolve without problems (nothing missing, no cycle) and
 * in an order that puts dependencies first.
 */
export function checkResolver(bot: ZoryxClient): Promise<IntegrityCheckResult> {
  return timed('resolver', async () => {
    const loaded = bot.extensions.status().filter((s) => s.state === 'loaded');
    const dependencies = new Map<string, Record<string, string>>();
    for (const { name } of loaded) dependencies.set(name, {});
    for (const { name } of loaded) {
      for (const dependent of bot.extensions.dependentsOf(name)) {
        const deps = dependencies.get(dependent);
        if (deps) deps[name] = '*';
      }
    }
    const manifests: ExtensionManifest[] = loaded.map((s) => ({
      name: s.name,
      version: s.version ?? '0.0.0',
      dependencies: dependencies.get(s.name) ?? {},
    }));
    const plan = resolve(manifests);
    const errors = plan.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) fail(errors.map((p) => p.message).join('; '));
    const position = new Map(plan.order.map((name, i) => [name, i]));
    for (const [name, deps] of dependencies) {
      for (const dep of Object.keys(deps)) {
        if ((position.get(dep) ?? -1) > (position.get(name) ?? -1))
          fail(`${dep} would load after its dependent ${name}`);
      }
    }
    return `${plan.order.length} extensions resolve in ${plan.levels.length} level(s), no problems`;
  });
}

/** Dispatches a probe event through the bus to a temporary hook and checks it ran. */
export function checkHooks(bot: ZoryxClient): Promise<IntegrityCheckResult> {
  return timed('hooks', async () => {
    const token = randomUUID();
    let seen: string | undefined;
    const off = bot.hooks.on(
      'zoryx_integrity_probe',
      (payload) => {
        seen = payload.token;
      },
      { id: `core:integrity-probe:${token}` },
    );
    try {
      const result = await bot.hooks.emitAndWait('zoryx_integrity_probe', { token });
      if (!result.ok || seen !== token) fail('the probe hook did not run');
    } finally {
      off();
    }
    const stats = bot.hooks.stats();
    if (stats.closed) fail('the hook bus is closed');
    const open = bot.hooks.hooks().filter((h) => h.breaker === 'open');
    return `dispatch ok · ${bot.hooks.hooks().length} hooks · queue ${stats.queued}/${stats.capacity} · ${open.length} open breaker(s) · ${stats.dispatcherRestarts} dispatcher restart(s)`;
  });
}

/** Every check, in order. */
export async function runIntegrityChecks(
  bot: ZoryxClient,
  guildId: string | null,
): Promise<IntegrityCheckResult[]> {
  return [
    await checkStore(bot),
    await checkDatabase(bot, guildId),
    await checkExtensions(bot),
    await checkResolver(bot),
    await checkHooks(bot),
  ];
}
