import type { ExtensionManifest } from '@zoryx/resolver';
import type { ActiveExtension } from './activation.js';
import type { ExtensionRegistryView } from './context.js';
import type { ExtensionConfigSchema } from './definition.js';
import type { ExtensionSource } from './discovery.js';
import { describeError, hintOf, LoaderError, zoryxCauseCode } from './errors.js';
import { type ExtensionVersion, manifestInfoOf, manifestOf } from './extension-version.js';
import type { CompiledModule } from './module-compiler.js';
import type {
  ExtensionErrorInfo,
  ExtensionManifestInfo,
  ExtensionState,
  ExtensionStatus,
  QuarantineInfo,
} from './status.js';

/** Everything the host knows about one extension name. */
export interface ExtensionRecord {
  readonly name: string;
  source: ExtensionSource | undefined;
  state: ExtensionState;
  /** The running version while loaded. */
  active: ActiveExtension | undefined;
  /**
   * The module cache entry: the last bundle that evaluated and validated. Only code, never a
   * module instance, so keeping it costs no leak; it is re-evaluated fresh on the next load and
   * recompiled only when one of its input files changed.
   */
  compiled: CompiledModule | undefined;
  /** Last known version string and descriptive fields (for status when not loaded). */
  version: string | null;
  description: string | undefined;
  author: string | undefined;
  /** The manifest part of the last definition that evaluated and validated (plain data). */
  manifest: ExtensionManifestInfo | undefined;
  /** The config schema of that definition (for settings tools: JSON Schema, validation). */
  configSchema: ExtensionConfigSchema;
  loadTimeMs: number | null;
  lastError: ExtensionErrorInfo | null;
  /** The dependency it was skipped for, so loading that dependency retries it. */
  waitingFor: string | null;
  /** Set while quarantined (state `quarantined`). */
  quarantine: QuarantineInfo | null;
}

/** Converts anything thrown into status data. */
export function errorInfo(error: unknown): ExtensionErrorInfo {
  const causeCode = zoryxCauseCode(error);
  if (error instanceof LoaderError) {
    return {
      code: error.code,
      causeCode,
      message: error.message,
      hint: error.hint,
      at: Date.now(),
    };
  }
  return {
    code: 'ZRX_EXT_SETUP_FAILED',
    causeCode,
    message: describeError(error),
    hint: hintOf(error),
    at: Date.now(),
  };
}

/** The host's table of extensions, and the views built from it. */
export class ExtensionRecords {
  readonly #records = new Map<string, ExtensionRecord>();

  /** The record for a name, created (state `unloaded`) if unknown. */
  ensure(name: string, source?: ExtensionSource): ExtensionRecord {
    let record = this.#records.get(name);
    if (!record) {
      record = {
        name,
        source,
        state: 'unloaded',
        active: undefined,
        compiled: undefined,
        version: null,
        description: undefined,
        author: undefined,
        manifest: undefined,
        configSchema: undefined,
        loadTimeMs: null,
        lastError: null,
        waitingFor: null,
        quarantine: null,
      };
      this.#records.set(name, record);
    } else if (source) {
      record.source = source;
    }
    return record;
  }

  /** Drops a record that turned out to be an alias (its definition has another name). */
  forget(name: string): void {
    if (this.#records.get(name)?.state !== 'loaded') this.#records.delete(name);
  }

  get(name: string): ExtensionRecord | undefined {
    return this.#records.get(name);
  }

  all(): ExtensionRecord[] {
    return [...this.#records.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  loaded(): ExtensionRecord[] {
    return this.all().filter((r) => r.state === 'loaded' && r.active);
  }

  /** Manifests of the running versions, optionally leaving some out. */
  loadedManifests(except: ReadonlySet<string> = new Set()): ExtensionManifest[] {
    return this.loaded()
      .filter((r) => !except.has(r.name))
      .map((r) => manifestOf(r.active!.version));
  }

  /** Marks a record as running `active`. */
  markLoaded(record: ExtensionRecord, active: ActiveExtension, loadTimeMs: number): void {
    record.active = active;
    record.state = 'loaded';
    record.loadTimeMs = loadTimeMs;
    record.lastError = null;
    record.waitingFor = null;
    this.#describe(record, active.version);
    record.source = active.version.source;
  }

  /** Marks a record as failed, skipped or quarantined with the error that explains it. */
  markNotLoaded(
    record: ExtensionRecord,
    state: 'failed' | 'skipped' | 'quarantined',
    error: unknown,
    version?: ExtensionVersion,
  ): void {
    record.state = state;
    record.active = undefined;
    record.lastError = errorInfo(error);
    if (version) this.#describe(record, version);
  }

  #describe(record: ExtensionRecord, version: ExtensionVersion): void {
    record.compiled = version.compiled;
    record.version = version.version;
    record.description = version.definition.description;
    record.author = version.definition.author;
    record.manifest = manifestInfoOf(version);
    record.configSchema = version.definition.config;
  }

  /** `ctx.extensions`: public APIs of loaded extensions. */
  view(): ExtensionRegistryView {
    const api = (name: string): unknown => {
      const record = this.#records.get(name);
      return record?.state === 'loaded' ? record.active?.api : undefined;
    };
    return {
      get: api as ExtensionRegistryView['get'],
      require: ((name: string) => {
        const value = api(name);
        if (value === undefined) {
          throw new LoaderError(
            'ZRX_EXT_API_UNAVAILABLE',
            `Extension "${name}" is not loaded or its setup returned no API.`,
            `Declare "${name}" in dependencies (so it loads first) and return its API from setup(ctx).`,
            { extension: name },
          );
        }
        return value;
      }) as ExtensionRegistryView['require'],
      has: (name) => this.#records.get(name)?.state === 'loaded',
    };
  }

  /** Plain-data status of one record. */
  status(record: ExtensionRecord): ExtensionStatus {
    return {
      name: record.name,
      version: record.active?.version.version ?? record.version,
      state: record.state,
      loadTimeMs: record.loadTimeMs,
      lastError: record.lastError,
      entry: record.source?.entry ?? null,
      description: record.description,
      author: record.author,
      quarantine: record.quarantine,
    };
  }
}
