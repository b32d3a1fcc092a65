import { dirname, resolve as resolvePath, sep } from 'node:path';
import { dependentsOf, unloadOrder } from '@zoryx/resolver';
import { pino } from 'pino';
import { type ExtensionLocation, extensionOfStack, outsideExtension } from './attribution.js';
import { runBoot } from './boot.js';
import { compileForBoot } from './boot-bundles.js';
import type { ExtensionApis } from './context.js';
import type { ExtensionConfigSchema } from './definition.js';
import { validateConfig } from './definition-validation.js';
import type { DiscoveryOptions } from './discovery.js';
import { LoaderError } from './errors.js';
import type { ExtensionRecord } from './extension-records.js';
import { manifestInfoOf } from './extension-version.js';
import { HostCore } from './host-core.js';
import type { ExtensionHostOptions } from './host-options.js';
import { isUpToDate } from './module-compiler.js';
import { normaliseExtensionName } from './names.js';
import { runQuarantine, runUnquarantine } from './quarantine.js';
import { runReload } from './reload.js';
import type { BootReport, ExtensionManifestInfo, ExtensionStatus } from './status.js';

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
  readonly #core: HostCore;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: ExtensionHostOptions) {
    this.#core = new HostCore(
      options,
      options.logger ?? pino({ name: 'zoryx-loader' }),
      options.clock ?? (() => performance.now()),
    );
  }

  /**
   * Discovers and loads every extension. Never throws for one extension: each failure is recorded
   * (status, log, summary) and the others continue; dependents of a failed one are skipped.
   */
  boot(): Promise<BootReport> {
    return this.#serial(() => runBoot(this.#core));
  }

  /**
   * Starts compiling the extensions the next `boot()` will load (from the compile cache, or one
   * esbuild build) without running any of their code, so it can overlap other start-up work such
   * as the gateway login. Optional: boot compiles whatever this did not. Never rejects.
   */
  precompile(): Promise<void> {
    this.#core.precompiled ??= compileForBoot(this.#core);
    return this.#core.precompiled.then(() => undefined);
  }

  /**
   * Loads one more extension by name (found in the folder or the package list); then retries
   * extensions that were skipped only because it was missing. Rejects with a coded LoaderError.
   */
  load(name: string): Promise<ExtensionStatus> {
    return this.#serial(() => this.#core.load(normaliseExtensionName(name).name));
  }

  /** Unloads an extension and its dependents (dependents first). Resolves with the names unloaded. */
  unload(name: string): Promise<string[]> {
    return this.#serial(() => this.#core.unload(normaliseExtensionName(name).name, 'unload'));
  }

  /**
   * Reloads an extension and its dependents from their current files. If any new version fails to
   * compile, evaluate, validate, resolve or set up, the previous versions are restored (their
   * setup re-run from the cached modules), `extension_reload_failed` is emitted, and this rejects
   * with `ZRX_EXT_RELOAD_FAILED`. An extension that is not loaded (e.g. it failed at boot) is
   * loaded instead. Resolves with the names reloaded, in load order.
   */
  reload(name: string): Promise<string[]> {
    return this.#serial(() => runReload(this.#core, normaliseExtensionName(name).name));
  }

  /**
   * Quarantines an extension that keeps faulting: unloads it now if it runs (its loaded
   * dependents first; they wait for it, marked skipped), then refuses to load it (`load`,
   * `reload`, hot reload, and every boot when the host has a `quarantine` store) until
   * {@link ExtensionHost.unquarantine}. Emits `extension_quarantined`. Resolves with the names
   * unloaded (`[]` when it was not loaded, or already quarantined).
   */
  quarantine(name: string, reason: string): Promise<string[]> {
    return this.#serial(() => runQuarantine(this.#core, normaliseExtensionName(name).name, reason));
  }

  /**
   * Lifts a quarantine and loads the extension (and those waiting for it). Rejects with
   * `ZRX_EXT_NOT_QUARANTINED` when it is not quarantined, or like `load()` when it does not load
   * (the quarantine stays lifted; the error is in its status).
   */
  unquarantine(name: string): Promise<ExtensionStatus> {
    return this.#serial(() => runUnquarantine(this.#core, normaliseExtensionName(name).name));
  }

  /**
   * The extension an error was thrown from, read from its stack: the topmost frame inside an
   * extension's entry file or folder. For errors that reach a process-wide handler (an uncaught
   * exception, an unhandled rejection) when `currentExtension()` does not already know it.
   * `undefined` when no frame belongs to an extension.
   */
  extensionOfError(error: unknown): string | undefined {
    const locations: ExtensionLocation[] = [];
    for (const record of this.#core.records.all()) {
      const source = record.source;
      if (!source) continue;
      locations.push({
        name: record.name,
        entry: resolvePath(source.entry),
        folder: source.kind === 'folder' ? dirname(resolvePath(source.entry)) : null,
      });
    }
    return extensionOfStack(error, locations);
  }

  /** Every known extension with its state, version, load time and last error. */
  status(): ExtensionStatus[] {
    return this.#core.status();
  }

  /** One extension's status, or `undefined` for a name the host has not seen. */
  statusOf(name: string): ExtensionStatus | undefined {
    const record = this.#core.records.get(normaliseExtensionName(name).name);
    return record && this.#core.records.status(record);
  }

  /**
   * The manifest part of an extension's definition (name, version, description, author,
   * dependencies, optional dependencies, conflicts): the running version's while loaded, else
   * the last version that evaluated and validated (a failed, skipped or unloaded extension).
   * `undefined` when the host never read a valid definition for that name (unknown, or its code
   * never compiled).
   */
  definitionOf(name: string): ExtensionManifestInfo | undefined {
    const record = this.#core.records.get(normaliseExtensionName(name).name);
    return record && manifestOfRecord(record);
  }

  /**
   * The config schema (Standard Schema, e.g. zod) of an extension: the running version's while
   * loaded, else the last version that evaluated and validated. `undefined` when it declares
   * none or the host never read a valid definition for that name.
   */
  configSchemaOf(name: string): ExtensionConfigSchema {
    const record = this.#core.records.get(normaliseExtensionName(name).name);
    return record?.active?.version.definition.config ?? record?.configSchema;
  }

  /**
   * Validates raw config input with an extension's schema (see {@link ExtensionHost.configSchemaOf})
   * exactly as loading does, without loading anything. Resolves with the parsed config
   * (`undefined` without a schema); rejects with `ZRX_EXT_CONFIG_INVALID` naming every bad key path.
   */
  validateConfigOf(name: string, input: unknown): Promise<unknown> {
    const extension = normaliseExtensionName(name).name;
    return validateConfig({ config: this.configSchemaOf(extension) }, input, extension);
  }

  /**
   * The manifests of every extension the host knows a definition of (loaded, failed, skipped or
   * unloaded), sorted by name. Extensions whose code never evaluated are in `status()` only.
   */
  manifests(): ExtensionManifestInfo[] {
    return this.#core.records.all().flatMap((r) => {
      const manifest = manifestOfRecord(r);
      return manifest ? [manifest] : [];
    });
  }

  /**
   * The public API a loaded extension's setup returned, or `undefined` when it is not loaded or
   * returned nothing: the same lookup as `ctx.extensions.get`, typed by {@link ExtensionApis}.
   *
   * @example
   * ```ts
   * declare module '@zoryx/loader' { interface ExtensionApis { economy: EconomyApi } }
   * host.get('economy')?.balance('123'); // EconomyApi | undefined
   * ```
   */
  get<K extends keyof ExtensionApis>(name: K): ExtensionApis[K] | undefined;
  get(name: string): unknown;
  get(name: string): unknown {
    return this.#core.env.registry.get(name);
  }

  /**
   * Like {@link ExtensionHost.get}, but throws `ZRX_EXT_API_UNAVAILABLE` when the extension is
   * not loaded or its setup returned no API (the same check as `ctx.extensions.require`).
   */
  require<K extends keyof ExtensionApis>(name: K): ExtensionApis[K];
  require(name: string): unknown;
  require(name: string): unknown {
    return this.#core.env.registry.require(name);
  }

  /**
   * The public API a loaded extension's setup returned.
   *
   * @deprecated use `get()`, typed by {@link ExtensionApis} (same result).
   */
  api(name: string): unknown {
    return this.get(name);
  }

  /** Loaded extensions that depend on `name`, directly or not. */
  dependentsOf(name: string): string[] {
    return dependentsOf(this.#core.currentPlan(), name).filter((n) => this.#core.isLoaded(n));
  }

  /**
   * Names of the extensions whose code includes `file` (absolute path): the ones a save of that
   * file must reload. Extensions that never compiled are matched by their folder or entry file.
   */
  extensionsUsing(file: string): string[] {
    return this.#core.records
      .all()
      .filter((r) => {
        if (r.compiled?.inputs.has(file)) return true;
        const source = r.source;
        if (!source || source.kind === 'package') return false;
        if (source.entry === file) return true;
        return source.kind === 'folder' && file.startsWith(`${dirname(source.entry)}${sep}`);
      })
      .map((r) => r.name);
  }

  /** Whether the running (or cached) bundle of `name` was built from its files' current bytes. */
  async isCurrent(name: string): Promise<boolean> {
    const compiled = this.#core.records.get(name)?.compiled;
    return compiled ? isUpToDate(compiled) : false;
  }

  /** The discovery settings (for the hot reloader and tools). */
  get discoveryOptions(): DiscoveryOptions {
    return this.#core.discoveryOptions;
  }

  /** Unloads everything (dependents first) and refuses further operations. */
  close(): Promise<void> {
    return this.#serial(async () => {
      const loaded = this.#core.records.loaded().map((r) => r.name);
      for (const name of unloadOrder(this.#core.currentPlan(), loaded)) {
        await this.#core.deactivate(name, 'shutdown');
      }
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
    // Host work, even when an extension asked for it (a /reload command, a fault that quarantines
    // it): what it starts must not be attributed to the caller. Extension code inside still runs
    // as its own extension (setup, teardown…).
    const next = outsideExtension(() => this.#queue.then(run, run));
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

function manifestOfRecord(record: ExtensionRecord): ExtensionManifestInfo | undefined {
  return record.active ? manifestInfoOf(record.active.version) : record.manifest;
}
