import type { ExtensionManifest } from '@zoryx/resolver';

/**
 * Where an extension stands. `quarantined`: taken off after repeated faults (see
 * `host.quarantine`); it is not loaded, also across restarts, until `host.unquarantine(name)`.
 */
export type ExtensionState = 'loaded' | 'failed' | 'skipped' | 'unloaded' | 'quarantined';

/** Why and since when an extension is quarantined. */
export interface QuarantineInfo {
  /** One line, e.g. `3 faults within 10 min; last: uncaught exception: …`. */
  readonly reason: string;
  /** Clock time (`Date.now()`) the quarantine began. */
  readonly at: number;
}

/** An error as status reports it: plain data. */
export interface ExtensionErrorInfo {
  /** The loader's code for what failed (`ZRX_EXT_SETUP_FAILED`, `ZRX_EXT_RELOAD_FAILED`…). */
  readonly code: string;
  /**
   * The `ZRX_*` code of the error that caused it, when one carries a code: e.g.
   * `ZRX_PIECE_CONFLICT` thrown by the framework's `afterSetup` behind `ZRX_EXT_SETUP_FAILED`
   * (the deepest coded error in the `cause` chain). Displays show `causeCode ?? code`.
   */
  readonly causeCode: string | undefined;
  readonly message: string;
  /** A concrete fix: the cause's own hint when it has one, else the loader's. */
  readonly hint: string | undefined;
  /** Clock time (`Date.now()`) when it happened. */
  readonly at: number;
}

/** One extension in `host.status()`. */
export interface ExtensionStatus {
  readonly name: string;
  /** The running version when loaded, else the last version seen (or `null`). */
  readonly version: string | null;
  readonly state: ExtensionState;
  /** Compile + evaluate + validate + setup of the running (or last) load, in ms. */
  readonly loadTimeMs: number | null;
  /** Why it failed or was skipped, or the last failed reload (state stays `loaded` then). */
  readonly lastError: ExtensionErrorInfo | null;
  /** Entry file, or `null` when it is only known by name. */
  readonly entry: string | null;
  readonly description: string | undefined;
  readonly author: string | undefined;
  /** Set while the extension is quarantined (state `quarantined`), else `null`. */
  readonly quarantine: QuarantineInfo | null;
}

/**
 * The manifest part of an extension's definition: what the resolver sees (name, version,
 * dependencies, optional dependencies, conflicts) plus its description and author. Plain data,
 * copied from the definition; no module instance is kept alive through it.
 */
export interface ExtensionManifestInfo extends ExtensionManifest {
  readonly description: string | undefined;
  readonly author: string | undefined;
}

/** What `host.boot()` resolves with. */
export interface BootReport {
  /** Names loaded, in load order. */
  readonly loaded: readonly string[];
  readonly failed: readonly string[];
  readonly skipped: readonly string[];
  /** Not loaded because they are quarantined. */
  readonly quarantined: readonly string[];
  /** Whole boot, in ms. */
  readonly durationMs: number;
  /** The avvio-style tree (also logged at `info`). */
  readonly summary: string;
  /** Every extension's status after boot. */
  readonly extensions: readonly ExtensionStatus[];
}
