import type { Logger } from 'pino';
import type { OwnedHooks } from './owned-hooks.js';
import type { OwnedResource } from './ownership.js';
import type { ExtensionScheduler } from './scheduler.js';

/**
 * Extra fields a host adds to every `ctx` (e.g. `client`, `db`, `store`). Empty here; the host
 * augments it and returns those fields from its `createContext` option:
 *
 * ```ts
 * declare module '@zoryx/loader' {
 *   interface ExtensionContextExtras { client: ZoryxClient; store: ScopedStore }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: an augmentation point, filled by declaration merging
export interface ExtensionContextExtras {}

/**
 * Public APIs of extensions by name, for typed `ctx.extensions.get(name)`. Extensions augment it:
 *
 * ```ts
 * declare module '@zoryx/loader' { interface ExtensionApis { economy: EconomyApi } }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: an augmentation point, filled by declaration merging
export interface ExtensionApis {}

/** Read-only view of the other loaded extensions' public APIs (what their `setup` returned). */
export interface ExtensionRegistryView {
  /** The API of a loaded extension, or `undefined` when it is not loaded or returned nothing. */
  get<K extends keyof ExtensionApis>(name: K): ExtensionApis[K] | undefined;
  get(name: string): unknown;
  /** Like `get`, but throws `ZRX_EXT_API_UNAVAILABLE` when there is no API (yet). */
  require<K extends keyof ExtensionApis>(name: K): ExtensionApis[K];
  require(name: string): unknown;
  /** True when an extension of that name is loaded. */
  has(name: string): boolean;
}

/** The part of `ctx` the loader itself provides. */
export interface BaseExtensionContext<Config = unknown> {
  /** The extension's (normalised) name: the owner of everything registered through this ctx. */
  readonly name: string;
  /** The version being set up. */
  readonly version: string;
  /** The config, validated by the definition's schema (its output type). */
  readonly config: Config;
  /** A pino child logger bound to `{ extension: name }`. */
  readonly logger: Logger;
  /** The hook bus, with every hook owned by this extension (released on unload). */
  readonly hooks: OwnedHooks;
  /** Intervals and delays that stop on unload. */
  readonly schedule: ExtensionScheduler;
  /** Other extensions' public APIs. */
  readonly extensions: ExtensionRegistryView;
  /** Aborted when the extension is unloaded (or its setup failed or timed out). */
  readonly signal: AbortSignal;
  /** Folder of the extension's entry file. */
  readonly directory: string;
  /** Runs `fn` on unload (newest first). Returns a function that runs it early. */
  onDispose(fn: () => unknown): () => void;
  /** Takes ownership of a resource (disposable, closable, destroyable, or a function); returns it. */
  own<T extends OwnedResource>(resource: T): T;
}

/**
 * An extension's typed window on the host: what the loader provides plus the host's
 * {@link ExtensionContextExtras}.
 */
export interface ExtensionContext<Config = unknown>
  extends BaseExtensionContext<Config>,
    ExtensionContextExtras {}
