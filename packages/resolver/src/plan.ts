import type { Problem } from './problem';

/**
 * What an extension declares about itself. Extra fields (description, author, pieces…) are
 * allowed and ignored by the resolver.
 */
export interface ExtensionManifest {
  /** Lowercase `[a-z0-9-_]`; whitespace is normalised to `-` with a warning. */
  readonly name: string;
  /** A semver version, e.g. `1.4.0` or `2.0.0-beta.1`. */
  readonly version: string;
  /** Extensions that must load first: name → semver range. */
  readonly dependencies?: Readonly<Record<string, string>>;
  /** Loaded first when present, and then their range is checked; absent ones are fine. */
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  /** Extensions this one cannot run beside: name → range (`"*"` = any version). */
  readonly conflicts?: Readonly<Record<string, string>>;
}

/** Options of {@link resolve}. */
export interface ResolveOptions {
  /**
   * Extensions already running (for example during a hot load of one more). They satisfy
   * dependencies and are checked for conflicts, but never appear in `order`.
   */
  readonly loaded?: readonly ExtensionManifest[];
  /**
   * When `false`, missing or out-of-range dependencies, cycles and their cascades become
   * warnings and the offenders load anyway (cycles in a stable order). Default `true`.
   */
  readonly enforceDependencies?: boolean;
  /** When `false`, conflicts become warnings and both sides load. Default `true`. */
  readonly enforceConflicts?: boolean;
}

/** An extension that will not load, with the errors that keep it out. */
export interface SkippedExtension {
  readonly name: string;
  readonly problems: readonly Problem[];
}

/** The outcome of {@link resolve}: what loads, in which order, and what does not and why. */
export interface ResolutionPlan {
  /** Every loadable extension, dependencies before dependents; deterministic. */
  readonly order: readonly string[];
  /**
   * The same names grouped: each level depends only on earlier levels (or, with dependency
   * enforcement off, on members of its own cycle). `order` is `levels.flat()`.
   */
  readonly levels: readonly (readonly string[])[];
  /** Extensions that will not load, sorted by name, each with its errors. */
  readonly skipped: readonly SkippedExtension[];
  /**
   * Every problem found, errors and warnings: those about input without a usable name first
   * (`manifests[3]`), then by extension name, each extension's in the order they were found.
   */
  readonly problems: readonly Problem[];
  /** Version that will load, for each name in `order`. */
  readonly versions: Readonly<Record<string, string>>;
  /**
   * Direct dependencies (required and present optional ones) of each name in `order`,
   * including already loaded extensions. Used by {@link unloadOrder} and {@link dependentsOf}.
   */
  readonly dependencies: Readonly<Record<string, readonly string[]>>;
  /** A human report: what loads, in which order, what does not, and why. */
  explain(): string;
}
