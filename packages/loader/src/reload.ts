import { resolve, unloadOrder } from '@zoryx/resolver';
import type { ActiveExtension } from './activation.js';
import { validateConfig } from './definition-validation.js';
import { describeError, LoaderError } from './errors.js';
import { errorInfo } from './extension-records.js';
import { assertSameName, type ExtensionVersion, manifestOf } from './extension-version.js';
import { type HostCore, resolverError } from './host-core.js';

/**
 * Reload of `name` and its dependents as one transaction:
 * 1. prepare every new version (compile or reuse the unchanged bundle, evaluate, validate the
 *    definition and config) and check the new manifests with the resolver — a failure here
 *    changes nothing, the old versions never stop;
 * 2. tear the old versions down, dependents first, and set the new ones up, dependencies first;
 * 3. if a new setup fails, tear down the new ones set up so far and re-run setup of the previous
 *    versions (kept in memory, so no recompile), then report `extension_reload_failed`.
 * Events for the swap (`extension_unloaded` + `extension_loaded` with `reload: true`) are emitted
 * only once it committed.
 */
export async function runReload(core: HostCore, name: string): Promise<string[]> {
  const record = core.records.get(name);
  if (record?.state !== 'loaded') {
    await core.load(name);
    return [name];
  }
  const unloadSeq = unloadOrder(core.currentPlan(), [name]).filter(
    (n) => core.records.get(n)?.state === 'loaded',
  );
  const loadSeq = [...unloadSeq].reverse();
  const next = new Map<string, ExtensionVersion>();
  for (const n of loadSeq) {
    const target = core.records.get(n)!;
    try {
      const version = await core.prepare(target, n !== name);
      assertSameName(version, n);
      await validateConfig(version.definition, core.options.config?.(n), n);
      next.set(n, version);
    } catch (error) {
      return reloadFailed(core, name, n, error);
    }
  }
  const except = new Set(unloadSeq);
  const plan = resolve([...next.values()].map(manifestOf), {
    ...(await core.enforcement()),
    loaded: core.records.loadedManifests(except),
  });
  const refused = plan.skipped[0];
  if (refused)
    return reloadFailed(
      core,
      name,
      refused.name,
      resolverError(refused.name, plan.explain(), refused.problems[0]?.hint),
    );

  const previous = new Map(unloadSeq.map((n) => [n, core.records.get(n)!.active!]));
  for (const n of unloadSeq) await core.deactivate(n, 'reload', false);
  const started: string[] = [];
  for (const n of loadSeq) {
    try {
      await core.activateInto(core.records.get(n)!, next.get(n)!, true);
      started.push(n);
    } catch (error) {
      await rollback(core, started, loadSeq, previous);
      return reloadFailed(core, name, n, error);
    }
  }
  for (const n of unloadSeq)
    core.emit('extension_unloaded', {
      name: n,
      version: previous.get(n)!.version.version,
      reason: 'reload',
    });
  for (const n of loadSeq) {
    const r = core.records.get(n)!;
    r.lastError = null;
    core.emitLoaded(r, true);
  }
  return loadSeq;
}

/** Tears down the new versions set up so far and re-runs setup of the previous versions. */
async function rollback(
  core: HostCore,
  started: readonly string[],
  loadSeq: readonly string[],
  previous: ReadonlyMap<string, ActiveExtension>,
): Promise<void> {
  for (const n of [...started].reverse()) await core.deactivate(n, 'reload', false);
  for (const n of loadSeq) {
    const record = core.records.get(n)!;
    const { version, configInput } = previous.get(n)!;
    const blocked = core.blockingDependency(version);
    try {
      if (blocked) throw blocked;
      // With the config it ran with, not the host's current one (which the reload may have changed).
      await core.activateInto(record, version, true, { configInput });
    } catch (error) {
      const failure = new LoaderError(
        'ZRX_EXT_ROLLBACK_FAILED',
        `Extension "${n}" could not be restored to ${version.version} after a failed reload: ${describeError(error)}`,
        `Fix the error and run reload("${n}"); it stays unloaded until then.`,
        { extension: n, cause: error },
      );
      core.records.markNotLoaded(record, 'failed', failure, version);
      core.logError(n, failure);
      core.emit('extension_unloaded', { name: n, version: version.version, reason: 'reload' });
    }
  }
}

function reloadFailed(core: HostCore, name: string, culprit: string, error: unknown): never {
  const info = errorInfo(error);
  const failure = new LoaderError(
    'ZRX_EXT_RELOAD_FAILED',
    `Reload of "${name}" failed at "${culprit}" (${info.code}): ${info.message}`,
    info.hint ?? `Fix "${culprit}" and save again; the previous version keeps running.`,
    { extension: name, cause: error },
  );
  for (const n of new Set([name, culprit])) {
    const record = core.records.get(n);
    if (record) record.lastError = errorInfo(failure);
  }
  core.logError(name, failure);
  const running = core.records.get(name);
  core.emit('extension_reload_failed', {
    name,
    error: { name: 'LoaderError', message: failure.message, code: info.code },
    runningVersion: running?.state === 'loaded' ? (running.active?.version.version ?? null) : null,
  });
  throw failure;
}
