import type { HookBus } from '@zoryx/hooks';
import type { Logger } from 'pino';
import type { ActivitySink } from './attribution.js';
import type { ExtensionContext, ExtensionContextExtras } from './context.js';
import type { ExtensionDefinition } from './definition.js';
import type { ExtensionSource } from './discovery.js';
import type { OwnershipScope } from './ownership.js';
import type { QuarantineInfo } from './status.js';

/** Whether the resolver refuses extensions with dependency or conflict problems. */
export interface EnforcementToggles {
  /** Missing/out-of-range dependencies and cycles refuse the extension. Default true. */
  dependencies?: boolean;
  /** Conflicts refuse the declaring extension. Default true. */
  conflicts?: boolean;
}

/** What the host tells its `createContext` / `afterSetup` callbacks about the extension. */
export interface ExtensionInfo {
  /** Normalised name (the owner of everything it registers). */
  readonly name: string;
  readonly version: string;
  /** The full definition, including host-specific fields from `ExtensionDefinitionExtras`. */
  readonly definition: ExtensionDefinition;
  /** Where its code came from. */
  readonly source: ExtensionSource;
  /** True when this setup is part of a reload (or of a rollback to the previous version). */
  readonly reload: boolean;
}

/**
 * Where quarantines persist, so a quarantined extension stays off across restarts (the framework
 * keeps them in its faults file). Without one, quarantines last until the host is gone.
 */
export interface QuarantineStore {
  /** Every quarantined extension by name; read at each boot. */
  list():
    | Readonly<Record<string, QuarantineInfo>>
    | Promise<Readonly<Record<string, QuarantineInfo>>>;
  /** Persists a quarantine made by `host.quarantine(name, reason)`. */
  add(name: string, info: QuarantineInfo): void | Promise<void>;
  /** Lifts a quarantine (`host.unquarantine(name)`). */
  remove(name: string): void | Promise<void>;
}

/** Options of {@link ExtensionHost}. */
export interface ExtensionHostOptions {
  /** The hook bus extensions register on; the host emits `extension_*` events on it too. */
  bus: HookBus;
  /** The extensions folder (`<dir>/<name>/index.ts`, `<dir>/<name>.ts`, .js too). */
  directory?: string;
  /** npm packages to load as extensions. */
  packages?: readonly string[];
  /** Where `packages` are resolved from. Default `process.cwd()`. */
  resolveFrom?: string;
  /** Extension names never loaded. */
  blacklist?: readonly string[];
  /**
   * Enforcement toggles, or a function returning them: called at every resolution, so a host can
   * persist the toggles (e.g. in `@zoryx/store`) and flip them at runtime.
   */
  enforcement?: EnforcementToggles | (() => EnforcementToggles | Promise<EnforcementToggles>);
  /** Time `setup` (plus `afterSetup`) may take before the extension fails. Default 10 000 ms. */
  setupTimeoutMs?: number;
  /** Time `teardown` and each async disposer may take. Default 10 000 ms. */
  teardownTimeoutMs?: number;
  /** Base logger; each extension gets `logger.child({ extension })`. Default: pino at `info`. */
  logger?: Logger;
  /** Raw config input of an extension, validated by its schema. Missing input counts as `{}`. */
  config?: (name: string) => unknown;
  /**
   * Adds the host's fields (`ExtensionContextExtras`) to each `ctx`. Anything it acquires for the
   * extension should be registered with `scope.onDispose` / `scope.own` so unload releases it.
   */
  createContext?: (
    info: ExtensionInfo,
    scope: OwnershipScope,
  ) => ExtensionContextExtras | Promise<ExtensionContextExtras>;
  /**
   * Runs after `setup` resolved, within the same timeout: e.g. register the definition's
   * commands. A throw fails the load like a throwing `setup` (and triggers rollback on reload).
   */
  afterSetup?: (info: ExtensionInfo, ctx: ExtensionContext) => void | Promise<void>;
  /**
   * Module ids answered from this map instead of `node_modules` when extension code `require`s
   * or imports them (so extensions share the host's instance of e.g. `@zoryx/loader`). Each entry
   * is read when extension code first asks for it: one defined with a getter is loaded on demand.
   */
  sharedModules?: Readonly<Record<string, unknown>>;
  /** Compile extensions with inline source maps. Default false. */
  sourceMaps?: boolean;
  /**
   * Folder of a persisted compile cache (e.g. `data/cache/extensions`): boot reuses the bundle of
   * an extension whose input files (and nearby tsconfig/jsconfig/package.json) still hash the
   * same, instead of compiling it again. Default: no cache.
   */
  compileCacheDir?: string;
  /**
   * Told synchronously which extension starts running (module top level, setup, teardown, hook
   * handlers, scheduled jobs) and what runs again when that stretch returns; see
   * `runAsExtension`. E.g. a supervisor's shared-memory activity slot. Default: none.
   */
  activity?: ActivitySink;
  /** Persistence of quarantines (see {@link QuarantineStore}). Default: in memory only. */
  quarantine?: QuarantineStore;
  /** Monotonic clock in ms for load times. Default `performance.now`. */
  clock?: () => number;
}
