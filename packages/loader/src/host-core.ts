import type { HookBus, HookEvents } from '@zoryx/hooks';
import { type ResolutionPlan, resolve, unloadOrder } from '@zoryx/resolver';
import type { Logger } from 'pino';
import { type ActivationEnv, activate, deactivate } from './activation.js';
import type { BootBundles } from './boot-bundles.js';
import type { SummaryEntry } from './boot-summary.js';
import { type DiscoveryOptions, findExtensionSource } from './discovery.js';
import { describeError, LoaderError } from './errors.js';
import type { ExtensionEventPayloads } from './events.js';
import { type ExtensionRecord, ExtensionRecords, errorInfo } from './extension-records.js';
import {
  assertSameName,
  type ExtensionVersion,
  manifestOf,
  prepareVersion,
} from './extension-version.js';
import type { EnforcementToggles, ExtensionHostOptions } from './host-options.js';
import type { CompiledModule, SharedModuleLookup } from './module-compiler.js';
import { normaliseExtensionName } from './names.js';
import type { ExtensionStatus, QuarantineInfo } from './status.js';

/**
 * The host's state and the operations boot and reload are built from. Internal: the public
 * surface is `ExtensionHost`, which serialises calls into this.
 */
export class HostCore {
  readonly options: ExtensionHostOptions;
  readonly bus: HookBus;
  readonly logger: Logger;
  readonly records = new ExtensionRecords();
  readonly env: ActivationEnv;
  readonly shared: SharedModuleLookup | undefined;
  readonly clock: () => number;
  /** Bundles `ExtensionHost#precompile` started for the next boot. */
  precompiled: Promise<BootBundles> | undefined;
  /** Quarantined extensions by name (persisted through `options.quarantine` when given). */
  readonly quarantined = new Map<string, QuarantineInfo>();

  constructor(options: ExtensionHostOptions, logger: Logger, clock: () => number) {
    this.options = options;
    this.bus = options.bus;
    this.logger = logger;
    this.clock = clock;
    this.shared = options.sharedModules ? sharedModuleLookup(options.sharedModules) : undefined;
    this.env = {
      bus: this.bus,
      logger,
      registry: this.records.view(),
      options,
      setupTimeoutMs: options.setupTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      teardownTimeoutMs: options.teardownTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      clock,
      activity: options.activity,
    };
  }

  /** The bundles precompiled for this boot, if any (each boot takes them once). */
  takePrecompiled(): Promise<BootBundles> | undefined {
    const bundles = this.precompiled;
    this.precompiled = undefined;
    return bundles;
  }

  get discoveryOptions(): DiscoveryOptions {
    const o = this.options;
    return {
      ...(o.directory ? { directory: o.directory } : {}),
      ...(o.packages ? { packages: o.packages } : {}),
      ...(o.resolveFrom ? { resolveFrom: o.resolveFrom } : {}),
      ...(o.blacklist ? { blacklist: o.blacklist } : {}),
    };
  }

  status(): ExtensionStatus[] {
    return this.records.all().map((r) => this.records.status(r));
  }

  isLoaded(name: string): boolean {
    return this.records.get(name)?.state === 'loaded';
  }

  async enforcement(): Promise<{ enforceDependencies: boolean; enforceConflicts: boolean }> {
    const raw = this.options.enforcement;
    const toggles: EnforcementToggles = (typeof raw === 'function' ? await raw() : raw) ?? {};
    return {
      enforceDependencies: toggles.dependencies ?? true,
      enforceConflicts: toggles.conflicts ?? true,
    };
  }

  /** A plan of what runs now, for dependency queries (never enforces: everything loaded is in it). */
  currentPlan(): ResolutionPlan {
    return resolve(this.records.loadedManifests(), {
      enforceDependencies: false,
      enforceConflicts: false,
    });
  }

  /**
   * Compiles (or reuses) and evaluates the record's extension. `precompiled` (e.g. from the
   * compile cache) is used like `reuse`: only if its input files are unchanged.
   */
  prepare(
    record: ExtensionRecord,
    reuse: boolean,
    precompiled?: CompiledModule,
  ): Promise<ExtensionVersion> {
    const source = record.source;
    if (!source) {
      throw new LoaderError(
        'ZRX_EXT_NOT_FOUND',
        `Extension "${record.name}" has no known source file.`,
        `Load it by name (load("${record.name}")) so the host can find it in the extensions folder or the package list.`,
        { extension: record.name },
      );
    }
    return prepareVersion(source, {
      reuse: precompiled ?? (reuse ? record.compiled : undefined),
      ...(this.shared ? { sharedModules: this.shared } : {}),
      sourceMaps: this.options.sourceMaps ?? false,
      activity: this.options.activity,
      clock: this.clock,
    });
  }

  isBlacklisted(name: string): boolean {
    return (this.options.blacklist ?? []).some((b) => normaliseExtensionName(b).name === name);
  }

  /**
   * The first required dependency that is not loaded, as a `ZRX_EXT_DEPENDENCY_FAILED` error.
   * Remembers it on the dependent's record (`waitingFor`), so loading that dependency later
   * retries the dependent.
   */
  blockingDependency(version: ExtensionVersion): LoaderError | undefined {
    for (const dep of Object.keys(version.definition.dependencies ?? {})) {
      const record = this.records.get(dep);
      if (record?.state === 'loaded') continue;
      this.records.ensure(version.name).waitingFor = dep;
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
  async activateInto(
    record: ExtensionRecord,
    version: ExtensionVersion,
    reload: boolean,
    input?: { readonly configInput: unknown },
  ): Promise<void> {
    const active = await activate(version, this.env, reload, input);
    this.records.markLoaded(record, active, version.prepareMs + active.setupMs);
  }

  async load(name: string): Promise<ExtensionStatus> {
    const existing = this.records.get(name);
    if (existing?.state === 'loaded') {
      throw new LoaderError(
        'ZRX_EXT_ALREADY_LOADED',
        `Extension "${name}" is already loaded.`,
        `Use reload("${name}") to load its current code.`,
        { extension: name },
      );
    }
    if (this.isBlacklisted(name)) throw blacklisted(name);
    const quarantine = this.quarantined.get(name);
    if (quarantine) throw quarantinedError(name, quarantine);
    const record = existing?.source
      ? existing
      : this.records.ensure(name, await findExtensionSource(name, this.discoveryOptions));
    let version: ExtensionVersion | undefined;
    let skipped = false;
    try {
      version = await this.prepare(record, true);
      assertSameName(version, name);
      const enforcement = await this.enforcement();
      const blocked = enforcement.enforceDependencies
        ? this.blockingDependency(version)
        : undefined;
      if (blocked) {
        // skipped, not failed: it loads by itself once the dependency does
        this.records.markNotLoaded(record, 'skipped', blocked, version);
        skipped = true;
        throw blocked;
      }
      const plan = resolve([manifestOf(version)], {
        ...enforcement,
        loaded: this.records.loadedManifests(),
      });
      const refused = plan.skipped[0];
      if (refused) throw resolverError(name, plan.explain(), refused.problems[0]?.hint);
      await this.activateInto(record, version, false);
    } catch (error) {
      if (!skipped) this.records.markNotLoaded(record, 'failed', error, version);
      this.logError(name, error);
      throw error;
    }
    this.emitLoaded(record, false);
    await this.loadWaitingDependents(name);
    return this.records.status(record);
  }

  /** After `name` came up, retries extensions that were skipped only because it was down. */
  async loadWaitingDependents(name: string): Promise<void> {
    for (const record of this.records.all()) {
      if (record.state !== 'skipped' || record.waitingFor !== name) continue;
      try {
        await this.load(record.name);
      } catch {
        // recorded and logged by #load
      }
    }
  }

  async unload(name: string, reason: 'unload' | 'shutdown' | 'quarantine'): Promise<string[]> {
    if (this.records.get(name)?.state !== 'loaded') throw notLoaded(name);
    const order = unloadOrder(this.currentPlan(), [name]).filter(
      (n) => this.records.get(n)?.state === 'loaded',
    );
    for (const n of order) await this.deactivate(n, reason);
    return order;
  }

  async deactivate(
    name: string,
    reason: 'unload' | 'reload' | 'shutdown' | 'quarantine',
    emit = true,
  ): Promise<void> {
    const record = this.records.get(name);
    const active = record?.active;
    if (!record || !active) return;
    const problem = await deactivate(active, this.env);
    if (problem) this.logError(name, problem);
    record.active = undefined;
    record.state = 'unloaded';
    if (emit) this.emit('extension_unloaded', { name, version: active.version.version, reason });
  }

  fail(
    record: ExtensionRecord,
    state: 'failed' | 'skipped',
    error: unknown,
    into: SummaryEntry[],
    version?: ExtensionVersion,
  ): void {
    this.records.markNotLoaded(record, state, error, version);
    if (state === 'failed') this.logError(record.name, error);
    into.push(entry(record, state, `${errorInfo(error).code}: ${describeError(error)}`));
  }

  emitLoaded(record: ExtensionRecord, reload: boolean): void {
    this.emit('extension_loaded', {
      name: record.name,
      version: record.active?.version.version ?? record.version ?? '0.0.0',
      loadTimeMs: record.loadTimeMs ?? 0,
      reload,
    });
  }

  emit<K extends keyof ExtensionEventPayloads>(event: K, payload: HookEvents[K]): void {
    this.bus
      .emit(event, payload)
      .catch((error: unknown) => this.logger.warn({ err: error }, `could not emit ${event}`));
  }

  logError(name: string, error: unknown): void {
    const info = errorInfo(error);
    this.logger.error(
      { extension: name, code: info.code, causeCode: info.causeCode, hint: info.hint, err: error },
      info.message,
    );
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

export function entry(
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

export function notLoaded(name: string): LoaderError {
  return new LoaderError(
    'ZRX_EXT_NOT_LOADED',
    `Extension "${name}" is not loaded.`,
    `Load it first with load("${name}"), or check status() for why it is not running.`,
    { extension: name },
  );
}

export function blacklisted(name: string): LoaderError {
  return new LoaderError(
    'ZRX_EXT_BLACKLISTED',
    `Extension "${name}" is blacklisted and was not loaded.`,
    `Remove "${name}" from the blacklist to load it.`,
    { extension: name },
  );
}

/** `ZRX_EXT_QUARANTINED`: why a quarantined extension is not loaded (also its status error). */
export function quarantinedError(name: string, info: QuarantineInfo): LoaderError {
  return new LoaderError(
    'ZRX_EXT_QUARANTINED',
    `Extension "${name}" is quarantined: ${info.reason}`,
    `Fix what keeps failing (see the logged faults, by extension), then lift it with unquarantine("${name}") (the built-in "/extensions unquarantine:${name}").`,
    { extension: name },
  );
}

export function resolverError(
  name: string,
  explanation: string,
  hint: string | undefined,
): LoaderError {
  return new LoaderError(
    'ZRX_EXT_RESOLVE',
    explanation,
    hint ?? 'See the resolver explanation: install, upgrade or remove the extensions it names.',
    { extension: name },
  );
}

/**
 * The host's shared modules, each entry read when extension code requires it: an entry defined
 * with a getter is a module the host loads only once an extension needs it (e.g. zod).
 */
function sharedModuleLookup(modules: Readonly<Record<string, unknown>>): SharedModuleLookup {
  return {
    has: (id) => Object.hasOwn(modules, id),
    get: (id) => (Object.hasOwn(modules, id) ? modules[id] : undefined),
  };
}
