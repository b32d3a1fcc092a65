import type { HookBus, HookEvents } from '@zoryx/hooks';
import { dependentsOf, type ResolutionPlan, resolve, unloadOrder } from '@zoryx/resolver';
import { type Logger, pino } from 'pino';
import { type ActivationEnv, activate, deactivate } from './activation.js';
import { formatBootSummary, type SummaryEntry } from './boot-summary.js';
import { validateConfig } from './definition-validation.js';
import { type DiscoveryOptions, discoverExtensions, findExtensionSource } from './discovery.js';
import { describeError, LoaderError } from './errors.js';
import { type ExtensionRecord, ExtensionRecords, errorInfo } from './extension-records.js';
import {
  assertSameName,
  type ExtensionVersion,
  manifestOf,
  prepareVersion,
} from './extension-version.js';
import type { EnforcementToggles, ExtensionHostOptions } from './host-options.js';
import { isUpToDate } from './module-compiler.js';
import { normaliseExtensionName } from './names.js';
import type { BootReport, ExtensionStatus } from './status.js';

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Hosts extensions: discovers them, loads them in the resolver's order (level by level), and
 * loads, unloads and reloads them by name at runtime. Everything an extension registers through
 * `ctx` is released on unload; a failed reload rolls back to the previous versions.
 * Operations are serialised: a reload never interleaves with another load or unload.
 *
 * @example
 * ```ts
 * const host = new ExtensionHost({ bus: new HookBus(), directory: 'extensions' });
 * const report = await host.boot();
 * console.log(report.summary);
 * await host.reload('economy'); // economy + its dependents, rolled back if anything fails
 * ```
 */
export class ExtensionHost {
  readonly #options: ExtensionHostOptions;
  readonly #bus: HookBus;
  readonly #logger: Logger;
  readonly #records = new ExtensionRecords();
  readonly #env: ActivationEnv;
  readonly #shared: ReadonlyMap<string, unknown> | undefined;
  readonly #clock: () => number;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: ExtensionHostOptions) {
    this.#options = options;
    this.#bus = options.bus;
    this.#logger = options.logger ?? pino({ name: 'zoryx-loader' });
    this.#clock = options.clock ?? (() => performance.now());
    this.#shared = options.sharedModules
      ? new Map(Object.entries(options.sharedModules))
      : undefined;
    this.#env = {
      bus: this.#bus,
      logger: this.#logger,
      registry: this.#records.view(),
      options,
      setupTimeoutMs: options.setupTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      teardownTimeoutMs: options.teardownTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      clock: this.#clock,
    };
  }

  /**
   * Discovers and loads every extension. Never throws for one extension: each failure is recorded
   * (status, log, summary) and the others continue; dependents of a failed one are skipped.
   */
  boot(): Promise<BootReport> {
    return this.#serial(() => this.#boot());
  }

  /** Loads one more extension by name (found in the folder or the package list). */
  load(name: string): Promise<ExtensionStatus> {
    return this.#serial(() => this.#load(normaliseExtensionName(name).name));
  }

  /** Unloads an extension and its dependents (dependents first). Resolves with the names unloaded. */
  unload(name: string): Promise<string[]> {
    return this.#serial(() => this.#unload(normaliseExtensionName(name).name, 'unload'));
  }

  /**
   * Reloads an extension and its dependents from their current files. If any new version fails to
   * compile, evaluate, validate, resolve or set up, the previous versions are restored (their
   * setup re-run from the cached modules), `extension_reload_failed` is emitted, and this rejects
   * with `ZRX_EXT_RELOAD_FAILED`. An extension that is not loaded (e.g. it failed at boot) is
   * loaded instead. Resolves with the names reloaded, in load order.
   */
  reload(name: string): Promise<string[]> {
    return this.#serial(() => this.#reload(normaliseExtensionName(name).name));
  }

  /** Every known extension with its state, version, load time and last error. */
  status(): ExtensionStatus[] {
    return this.#records.all().map((r) => this.#records.status(r));
  }

  /** One extension's status, or `undefined` when the host has never seen it. */
  statusOf(name: string): ExtensionStatus | undefined {
    const record = this.#records.get(normaliseExtensionName(name).name);
    return record && this.#records.status(record);
  }

  /** The public API a loaded extension's setup returned. */
  api(name: string): unknown {
    return this.#records.view().get(name);
  }

  /** Loaded extensions that depend on `name`, directly or not. */
  dependentsOf(name: string): string[] {
    return dependentsOf(this.#currentPlan(), name).filter(
      (n) => this.#records.get(n)?.state === 'loaded',
    );
  }

  /**
   * Names of the extensions whose code includes `file` (absolute path): the ones a save of that
   * file must reload. Extensions that never compiled are matched by their folder or entry file.
   */
  extensionsUsing(file: string): string[] {
    return this.#records
      .all()
      .filter((r) => {
        if (r.compiled?.inputs.has(file)) return true;
        const source = r.source;
        if (!source || source.kind === 'package') return false;
        if (source.entry === file) return true;
        return (
          source.kind === 'folder' &&
          file.startsWith(`${source.entry.slice(0, source.entry.lastIndexOf('/'))}/`)
        );
      })
      .map((r) => r.name);
  }

  /** Whether the running (or cached) bundle of `name` was built from the files' current bytes. */
  async isCurrent(name: string): Promise<boolean> {
    const compiled = this.#records.get(name)?.compiled;
    if (!compiled) return false;
    return isUpToDate(compiled);
  }

  /** The discovery settings (for the hot reloader and tools). */
  get discoveryOptions(): DiscoveryOptions {
    const o = this.#options;
    return {
      ...(o.directory ? { directory: o.directory } : {}),
      ...(o.packages ? { packages: o.packages } : {}),
      ...(o.resolveFrom ? { resolveFrom: o.resolveFrom } : {}),
      ...(o.blacklist ? { blacklist: o.blacklist } : {}),
    };
  }

  /** Unloads everything (dependents first) and refuses further operations. */
  close(): Promise<void> {
    return this.#serial(async () => {
      const order = unloadOrder(
        this.#currentPlan(),
        this.#records.loaded().map((r) => r.name),
      );
      for (const name of order) await this.#deactivate(name, 'shutdown');
      this.#closed = true;
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.#closed) {
        throw new LoaderError(
          'ZRX_EXT_HOST_CLOSED',
          'The extension host is closed.',
          'Create a new ExtensionHost after close(); operations after shutdown are refused.',
        );
      }
      return task();
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #enforcement(): Promise<{ enforceDependencies: boolean; enforceConflicts: boolean }> {
    const raw = this.#options.enforcement;
    const toggles: EnforcementToggles = (typeof raw === 'function' ? await raw() : raw) ?? {};
    return {
      enforceDependencies: toggles.dependencies ?? true,
      enforceConflicts: toggles.conflicts ?? true,
    };
  }

  /** A plan of what runs now, for dependency queries (never enforces: everything loaded is in it). */
  #currentPlan(): ResolutionPlan {
    return resolve(this.#records.loadedManifests(), {
      enforceDependencies: false,
      enforceConflicts: false,
    });
  }

  #prepare(record: ExtensionRecord, reuse: boolean): Promise<ExtensionVersion> {
    const source = record.source;
    if (!source) throw new Error(`no source for ${record.name}`);
    return prepareVersion(source, {
      reuse: reuse ? record.compiled : undefined,
      ...(this.#shared ? { sharedModules: this.#shared } : {}),
      sourceMaps: this.#options.sourceMaps ?? false,
      clock: this.#clock,
    });
  }

  #isBlacklisted(name: string): boolean {
    return (this.#options.blacklist ?? []).some((b) => normaliseExtensionName(b).name === name);
  }

  async #boot(): Promise<BootReport> {
    const started = this.#clock();
    const discovery = await discoverExtensions(this.discoveryOptions);
    const notLoaded: SummaryEntry[] = [];
    for (const issue of discovery.issues) {
      this.#logger[issue.severity === 'error' ? 'error' : 'warn'](
        { code: issue.code, hint: issue.hint },
        issue.message,
      );
      if (issue.code === 'ZRX_EXT_BLACKLISTED' || issue.code === 'ZRX_EXT_NOT_FOUND') {
        const record = this.#records.ensure(issue.extension);
        const state = issue.code === 'ZRX_EXT_BLACKLISTED' ? 'skipped' : 'failed';
        this.#records.markNotLoaded(
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
    const prepared = await Promise.all(
      discovery.sources.map(async (source) => {
        const record = this.#records.ensure(source.name, source);
        try {
          return { record, version: await this.#prepare(record, true) };
        } catch (error) {
          return { record, error };
        }
      }),
    );
    for (const { record, version, error } of prepared) {
      if (!version) {
        this.#fail(record, 'failed', error, notLoaded);
        continue;
      }
      for (const warning of version.warnings)
        this.#logger.warn({ extension: version.name }, warning);
      if (record.name !== version.name) this.#records.forget(record.name);
      const target = this.#records.ensure(version.name, version.source);
      if (this.#isBlacklisted(version.name)) {
        this.#fail(target, 'skipped', blacklisted(version.name), notLoaded, version);
      } else if (candidates.has(version.name)) {
        const error = duplicate(version, candidates.get(version.name)!);
        this.#logError(version.name, error);
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
    const plan = resolve([...candidates.values()].map(manifestOf), await this.#enforcement());
    if (plan.problems.length > 0) this.#logger.warn(plan.explain());
    for (const skipped of plan.skipped) {
      const error = resolverError(
        skipped.name,
        skipped.problems.map((p) => p.message).join(' '),
        skipped.problems[0]?.hint,
      );
      this.#fail(
        this.#records.ensure(skipped.name),
        'skipped',
        error,
        notLoaded,
        candidates.get(skipped.name),
      );
    }
    const enforce = (await this.#enforcement()).enforceDependencies;
    const levels: SummaryEntry[][] = [];
    for (const level of plan.levels) {
      const entries = await Promise.all(
        level.map((name) => this.#bootOne(candidates.get(name)!, enforce)),
      );
      levels.push(entries);
    }
    const durationMs = this.#clock() - started;
    const summary = formatBootSummary({ durationMs, levels, notLoaded });
    this.#logger.info(summary);
    const all = [...levels.flat(), ...notLoaded];
    return {
      loaded: plan.order.filter((n) => this.#records.get(n)?.state === 'loaded'),
      failed: all.filter((e) => e.state === 'failed').map((e) => e.name),
      skipped: all.filter((e) => e.state === 'skipped').map((e) => e.name),
      durationMs,
      summary,
      extensions: this.status(),
    };
  }

  async #bootOne(version: ExtensionVersion, enforceDependencies: boolean): Promise<SummaryEntry> {
    const record = this.#records.ensure(version.name, version.source);
    const blocked = enforceDependencies ? this.#blockingDependency(version) : undefined;
    if (blocked) {
      this.#records.markNotLoaded(record, 'skipped', blocked, version);
      this.#logger.warn({ extension: version.name, code: blocked.code }, blocked.message);
      return entry(record, 'skipped', blocked.message);
    }
    try {
      await this.#activateInto(record, version, false);
      return entry(record, 'loaded', null);
    } catch (error) {
      this.#records.markNotLoaded(record, 'failed', error, version);
      this.#logError(version.name, error);
      return entry(record, 'failed', `${errorInfo(error).code}: ${describeError(error)}`);
    }
  }

  /** The first required dependency that is not loaded, as a `ZRX_EXT_DEPENDENCY_FAILED` error. */
  #blockingDependency(version: ExtensionVersion): LoaderError | undefined {
    for (const dep of Object.keys(version.definition.dependencies ?? {})) {
      const record = this.#records.get(dep);
      if (record?.state === 'loaded') continue;
      const why = record?.lastError
        ? `${record.state}: ${record.lastError.message}`
        : 'is not loaded';
      return new LoaderError(
        'ZRX_EXT_DEPENDENCY_FAILED',
        `Extension "${version.name}" was not loaded because its dependency "${dep}" ${why}`,
        `Fix "${dep}" first (see its error); "${version.name}" loads once "${dep}" does.`,
        { extension: version.name },
      );
    }
    return undefined;
  }

  /**
   * Sets up a version and marks it loaded. Breaker state needs no handling here: hook ids are
   * stable per extension and the bus retains a released hook's state for the next hook with
   * the same id, so it survives reloads and rollbacks.
   */
  async #activateInto(
    record: ExtensionRecord,
    version: ExtensionVersion,
    reload: boolean,
  ): Promise<void> {
    const active = await activate(version, this.#env, reload);
    this.#records.markLoaded(record, active, version.prepareMs + active.setupMs);
  }

  async #load(name: string): Promise<ExtensionStatus> {
    const existing = this.#records.get(name);
    if (existing?.state === 'loaded') {
      throw new LoaderError(
        'ZRX_EXT_ALREADY_LOADED',
        `Extension "${name}" is already loaded.`,
        `Use reload("${name}") to load its current code.`,
        { extension: name },
      );
    }
    if (this.#isBlacklisted(name)) throw blacklisted(name);
    const record = existing?.source
      ? existing
      : this.#records.ensure(name, await findExtensionSource(name, this.discoveryOptions));
    let version: ExtensionVersion | undefined;
    try {
      version = await this.#prepare(record, true);
      assertSameName(version, name);
      const plan = resolve([manifestOf(version)], {
        ...(await this.#enforcement()),
        loaded: this.#records.loadedManifests(),
      });
      const skipped = plan.skipped[0];
      if (skipped) throw resolverError(name, plan.explain(), skipped.problems[0]?.hint);
      await this.#activateInto(record, version, false);
    } catch (error) {
      this.#records.markNotLoaded(record, 'failed', error, version);
      this.#logError(name, error);
      throw error;
    }
    this.#emitLoaded(record, false);
    await this.#loadWaitingDependents(name);
    return this.#records.status(record);
  }

  /** After `name` came up, retries extensions that were skipped only because it was down. */
  async #loadWaitingDependents(name: string): Promise<void> {
    for (const record of this.#records.all()) {
      if (record.state !== 'skipped' || record.lastError?.code !== 'ZRX_EXT_DEPENDENCY_FAILED')
        continue;
      if (!record.lastError.message.includes(`dependency "${name}"`)) continue;
      try {
        await this.#load(record.name);
      } catch {
        // recorded and logged by #load
      }
    }
  }

  async #unload(name: string, reason: 'unload' | 'shutdown'): Promise<string[]> {
    if (this.#records.get(name)?.state !== 'loaded') throw notLoaded(name);
    const order = unloadOrder(this.#currentPlan(), [name]).filter(
      (n) => this.#records.get(n)?.state === 'loaded',
    );
    for (const n of order) await this.#deactivate(n, reason);
    return order;
  }

  async #deactivate(
    name: string,
    reason: 'unload' | 'reload' | 'shutdown',
    emit = true,
  ): Promise<void> {
    const record = this.#records.get(name);
    const active = record?.active;
    if (!record || !active) return;
    const problem = await deactivate(active, this.#env);
    if (problem) this.#logError(name, problem);
    record.active = undefined;
    record.state = 'unloaded';
    if (emit) this.#emit('extension_unloaded', { name, version: active.version.version, reason });
  }

  async #reload(name: string): Promise<string[]> {
    const record = this.#records.get(name);
    if (record?.state !== 'loaded') {
      await this.#load(name);
      return [name];
    }
    const unloadSeq = unloadOrder(this.#currentPlan(), [name]).filter(
      (n) => this.#records.get(n)?.state === 'loaded',
    );
    const loadSeq = [...unloadSeq].reverse();
    const next = new Map<string, ExtensionVersion>();
    for (const n of loadSeq) {
      const target = this.#records.get(n)!;
      try {
        const version = await this.#prepare(target, n !== name);
        assertSameName(version, n);
        await validateConfig(version.definition, this.#options.config?.(n), n);
        next.set(n, version);
      } catch (error) {
        return this.#reloadFailed(name, n, error);
      }
    }
    const except = new Set(unloadSeq);
    const plan = resolve([...next.values()].map(manifestOf), {
      ...(await this.#enforcement()),
      loaded: this.#records.loadedManifests(except),
    });
    const refused = plan.skipped[0];
    if (refused)
      return this.#reloadFailed(
        name,
        refused.name,
        resolverError(refused.name, plan.explain(), refused.problems[0]?.hint),
      );

    const previous = new Map(unloadSeq.map((n) => [n, this.#records.get(n)!.active!.version]));
    for (const n of unloadSeq) await this.#deactivate(n, 'reload', false);
    const started: string[] = [];
    for (const n of loadSeq) {
      try {
        await this.#activateInto(this.#records.get(n)!, next.get(n)!, true);
        started.push(n);
      } catch (error) {
        await this.#rollback(started, loadSeq, previous);
        return this.#reloadFailed(name, n, error);
      }
    }
    for (const n of unloadSeq)
      this.#emit('extension_unloaded', {
        name: n,
        version: previous.get(n)!.version,
        reason: 'reload',
      });
    for (const n of loadSeq) {
      const r = this.#records.get(n)!;
      r.lastError = null;
      this.#emitLoaded(r, true);
    }
    return loadSeq;
  }

  /** Tears down the new versions set up so far and re-runs setup of the previous versions. */
  async #rollback(
    started: readonly string[],
    loadSeq: readonly string[],
    previous: ReadonlyMap<string, ExtensionVersion>,
  ): Promise<void> {
    for (const n of [...started].reverse()) await this.#deactivate(n, 'reload', false);
    for (const n of loadSeq) {
      const record = this.#records.get(n)!;
      const version = previous.get(n)!;
      const blocked = this.#blockingDependency(version);
      try {
        if (blocked) throw blocked;
        await this.#activateInto(record, version, true);
      } catch (error) {
        const failure = new LoaderError(
          'ZRX_EXT_ROLLBACK_FAILED',
          `Extension "${n}" could not be restored to ${version.version} after a failed reload: ${describeError(error)}`,
          `Fix the error and run reload("${n}"); it stays unloaded until then.`,
          { extension: n, cause: error },
        );
        this.#records.markNotLoaded(record, 'failed', failure, version);
        this.#logError(n, failure);
        this.#emit('extension_unloaded', { name: n, version: version.version, reason: 'reload' });
      }
    }
  }

  #reloadFailed(name: string, culprit: string, error: unknown): never {
    const info = errorInfo(error);
    const failure = new LoaderError(
      'ZRX_EXT_RELOAD_FAILED',
      `Reload of "${name}" failed at "${culprit}" (${info.code}): ${info.message}`,
      info.hint ?? `Fix "${culprit}" and save again; the previous version keeps running.`,
      { extension: name, cause: error },
    );
    for (const n of new Set([name, culprit])) {
      const record = this.#records.get(n);
      if (record) record.lastError = errorInfo(failure);
    }
    this.#logError(name, failure);
    const running = this.#records.get(name);
    this.#emit('extension_reload_failed', {
      name,
      error: { name: 'LoaderError', message: failure.message, code: info.code },
      runningVersion:
        running?.state === 'loaded' ? (running.active?.version.version ?? null) : null,
    });
    throw failure;
  }

  #fail(
    record: ExtensionRecord,
    state: 'failed' | 'skipped',
    error: unknown,
    into: SummaryEntry[],
    version?: ExtensionVersion,
  ): void {
    this.#records.markNotLoaded(record, state, error, version);
    if (state === 'failed') this.#logError(record.name, error);
    into.push(entry(record, state, `${errorInfo(error).code}: ${describeError(error)}`));
  }

  #emitLoaded(record: ExtensionRecord, reload: boolean): void {
    this.#emit('extension_loaded', {
      name: record.name,
      version: record.active?.version.version ?? record.version ?? '0.0.0',
      loadTimeMs: record.loadTimeMs ?? 0,
      reload,
    });
  }

  #emit<K extends 'extension_loaded' | 'extension_unloaded' | 'extension_reload_failed'>(
    event: K,
    payload: HookEvents[K],
  ): void {
    this.#bus
      .emit(event, payload)
      .catch((error: unknown) => this.#logger.warn({ err: error }, `could not emit ${event}`));
  }

  #logError(name: string, error: unknown): void {
    const info = errorInfo(error);
    this.#logger.error(
      { extension: name, code: info.code, hint: info.hint, err: error },
      info.message,
    );
  }
}

function entry(
  record: ExtensionRecord,
  state: SummaryEntry['state'],
  reason: string | null,
): SummaryEntry {
  return {
    name: record.name,
    version: record.version,
    state,
    ms: state === 'loaded' ? record.loadTimeMs : null,
    reason,
  };
}

function notLoaded(name: string): LoaderError {
  return new LoaderError(
    'ZRX_EXT_NOT_LOADED',
    `Extension "${name}" is not loaded.`,
    `Load it first with load("${name}"), or check status() for why it is not running.`,
    { extension: name },
  );
}

function blacklisted(name: string): LoaderError {
  return new LoaderError(
    'ZRX_EXT_BLACKLISTED',
    `Extension "${name}" is blacklisted and was not loaded.`,
    `Remove "${name}" from the blacklist to load it.`,
    { extension: name },
  );
}

function duplicate(version: ExtensionVersion, first: ExtensionVersion): LoaderError {
  return new LoaderError(
    'ZRX_EXT_DUPLICATE',
    `Extension "${version.name}" is defined twice: ${first.source.entry} (used) and ${version.source.entry} (ignored).`,
    `Rename one of them, or delete the one you do not want.`,
    { extension: version.name },
  );
}

function resolverError(name: string, explanation: string, hint: string | undefined): LoaderError {
  return new LoaderError(
    'ZRX_EXT_RESOLVE',
    explanation,
    hint ?? 'See the resolver explanation: install, upgrade or remove the extensions it names.',
    { extension: name },
  );
}
