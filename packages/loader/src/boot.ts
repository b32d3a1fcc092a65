import { resolve } from '@zoryx/resolver';
import { compileForBoot } from './boot-bundles.js';
import { formatBootSummary, type SummaryEntry } from './boot-summary.js';
import { discoverExtensions, type ExtensionSource } from './discovery.js';
import { describeError, LoaderError } from './errors.js';
import { errorInfo } from './extension-records.js';
import { type ExtensionVersion, manifestOf } from './extension-version.js';
import { blacklisted, entry, type HostCore, resolverError } from './host-core.js';
import { markQuarantined, refreshQuarantines } from './quarantine.js';
import type { BootReport } from './status.js';

/**
 * Boot: discover, compile every extension (in parallel), resolve the plan, then set them up level
 * by level (a level in parallel). One failure never stops the others; dependents of a failed
 * extension are skipped with the cause; everything lands in the status and the summary tree.
 */
export async function runBoot(core: HostCore): Promise<BootReport> {
  const started = core.clock();
  await refreshQuarantines(core);
  const discovery = await discoverExtensions(core.discoveryOptions);
  const notLoaded: SummaryEntry[] = [];
  // A quarantined extension's code is not even evaluated: its top level may be what faulted.
  const quarantined = (name: string, source?: ExtensionSource, version?: string): boolean => {
    const info = core.quarantined.get(name);
    if (!info) return false;
    markQuarantined(core, name, info, source);
    notLoaded.push({
      name,
      version: version ?? null,
      state: 'quarantined',
      ms: null,
      reason: info.reason,
    });
    return true;
  };
  for (const issue of discovery.issues) {
    core.logger[issue.severity === 'error' ? 'error' : 'warn'](
      { code: issue.code, hint: issue.hint },
      issue.message,
    );
    if (issue.code === 'ZRX_EXT_BLACKLISTED' || issue.code === 'ZRX_EXT_NOT_FOUND') {
      const record = core.records.ensure(issue.extension);
      const state = issue.code === 'ZRX_EXT_BLACKLISTED' ? 'skipped' : 'failed';
      core.records.markNotLoaded(
        record,
        state,
        new LoaderError(issue.code, issue.message, issue.hint),
      );
      notLoaded.push({
        name: issue.extension,
        version: null,
        state,
        ms: null,
        reason: issue.message,
      });
    }
  }
  const candidates = new Map<string, ExtensionVersion>();
  const runnable = discovery.sources.filter((source) => !quarantined(source.name, source));
  // Started earlier by `ExtensionHost#precompile` (e.g. during the gateway login), or now.
  const bundles = await (core.takePrecompiled() ?? compileForBoot(core, runnable));
  const { cache } = bundles;
  const prepared = await Promise.all(
    runnable.map(async (source) => {
      const record = core.records.ensure(source.name, source);
      const hit = bundles.cached.get(source.entry);
      try {
        const version = await core.prepare(record, true, hit ?? bundles.built.get(source.entry));
        return { record, version, cached: version.compiled === hit };
      } catch (error) {
        return { record, error, cached: false };
      }
    }),
  );
  // Written while the extensions set up; awaited before boot reports.
  const cacheWrites = Promise.all(
    prepared.map((p) => (cache && p.version && !p.cached ? cache.store(p.version.compiled) : null)),
  );
  for (const { record, version, error } of prepared) {
    if (!version) {
      core.fail(record, 'failed', error, notLoaded);
      continue;
    }
    for (const warning of version.warnings) core.logger.warn({ extension: version.name }, warning);
    if (record.name !== version.name) core.records.forget(record.name);
    const target = core.records.ensure(version.name, version.source);
    if (quarantined(version.name, version.source, version.version)) continue;
    if (core.isBlacklisted(version.name)) {
      core.fail(target, 'skipped', blacklisted(version.name), notLoaded, version);
    } else if (candidates.has(version.name)) {
      const error = duplicate(version, candidates.get(version.name)!);
      core.logError(version.name, error);
      notLoaded.push({
        name: version.name,
        version: version.version,
        state: 'failed',
        ms: null,
        reason: error.message,
      });
    } else {
      candidates.set(version.name, version);
    }
  }
  const plan = resolve([...candidates.values()].map(manifestOf), await core.enforcement());
  if (plan.problems.length > 0) core.logger.warn(plan.explain());
  for (const skipped of plan.skipped) {
    const error = resolverError(
      skipped.name,
      skipped.problems.map((p) => p.message).join(' '),
      skipped.problems[0]?.hint,
    );
    const record = core.records.ensure(skipped.name);
    const version = candidates.get(skipped.name);
    core.fail(record, 'skipped', error, notLoaded, version);
    // Lifting that quarantine retries it, like a dependency loaded later.
    const dependencies = Object.keys(version?.definition.dependencies ?? {});
    record.waitingFor = dependencies.find((d) => core.quarantined.has(d)) ?? record.waitingFor;
  }
  const enforce = (await core.enforcement()).enforceDependencies;
  const levels: SummaryEntry[][] = [];
  for (const level of plan.levels) {
    const entries = await Promise.all(
      level.map((name) => bootOne(core, candidates.get(name)!, enforce)),
    );
    levels.push(entries);
  }
  await cacheWrites;
  const durationMs = core.clock() - started;
  const summary = formatBootSummary({ durationMs, levels, notLoaded });
  core.logger.info(summary);
  const all = [...levels.flat(), ...notLoaded];
  return {
    loaded: plan.order.filter((n) => core.records.get(n)?.state === 'loaded'),
    failed: all.filter((e) => e.state === 'failed').map((e) => e.name),
    skipped: all.filter((e) => e.state === 'skipped').map((e) => e.name),
    quarantined: all.filter((e) => e.state === 'quarantined').map((e) => e.name),
    durationMs,
    summary,
    extensions: core.status(),
  };
}

async function bootOne(
  core: HostCore,
  version: ExtensionVersion,
  enforceDependencies: boolean,
): Promise<SummaryEntry> {
  const record = core.records.ensure(version.name, version.source);
  const blocked = enforceDependencies ? core.blockingDependency(version) : undefined;
  if (blocked) {
    core.records.markNotLoaded(record, 'skipped', blocked, version);
    core.logger.warn({ extension: version.name, code: blocked.code }, blocked.message);
    return entry(record, 'skipped', blocked.message);
  }
  try {
    await core.activateInto(record, version, false);
    core.emitLoaded(record, false);
    return entry(record, 'loaded', null);
  } catch (error) {
    core.records.markNotLoaded(record, 'failed', error, version);
    core.logError(version.name, error);
    return entry(record, 'failed', `${errorInfo(error).code}: ${describeError(error)}`);
  }
}

function duplicate(version: ExtensionVersion, first: ExtensionVersion): LoaderError {
  return new LoaderError(
    'ZRX_EXT_DUPLICATE',
    `Extension "${version.name}" is defined twice: ${first.source.entry} (used) and ${version.source.entry} (ignored).`,
    `Rename one of them, or delete the one you do not want.`,
    { extension: version.name },
  );
}
