import type { ResolverCatalogueCode } from './errors';

/**
 * Stable codes of every problem the resolver reports. They never change meaning between
 * versions; each one is in `resolverErrorCatalogue` (src/errors.ts) with its meaning and hint.
 */
export const ProblemCode = {
  /** A manifest is not an object, or its name, version or one of its ranges is invalid. */
  ManifestInvalid: 'ZRX_MANIFEST_INVALID',
  /** A name contained whitespace and was normalised (`"My Ext"` → `"my-ext"`). */
  NameNormalized: 'ZRX_NAME_NORMALIZED',
  /** Several manifests share one name (the highest version is kept), or the name is already loaded. */
  Duplicate: 'ZRX_DUPLICATE',
  /** A required dependency is neither in the manifests nor loaded. */
  DependencyMissing: 'ZRX_DEP_MISSING',
  /** A dependency (required or optional) is present in a version outside the declared range. */
  DependencyVersion: 'ZRX_DEP_VERSION',
  /** Two extensions declare each other (or one declares the other) incompatible. */
  Conflict: 'ZRX_CONFLICT',
  /** An extension sits on a dependency cycle. */
  Cycle: 'ZRX_CYCLE',
  /** A dependency will not load, so neither will this extension (or it loads without an optional one). */
  DependencySkipped: 'ZRX_DEP_SKIPPED',
} as const satisfies Record<string, ResolverCatalogueCode>;

/** One of the {@link ProblemCode} values. */
export type ProblemCodeValue = (typeof ProblemCode)[keyof typeof ProblemCode];

/**
 * `error`: the extension will not load because of this problem.
 * `warning`: it loads anyway (enforcement off, a normalised name, an ignored duplicate…).
 */
export type ProblemSeverity = 'error' | 'warning';

/** One diagnostic about one extension. */
export interface Problem {
  /** Stable `ZRX_*` code, see {@link ProblemCode}. */
  readonly code: ProblemCodeValue;
  readonly severity: ProblemSeverity;
  /**
   * The extension the problem is about. For a manifest without a usable name this is its
   * position in the input, e.g. `manifests[3]` or `loaded[0]`.
   */
  readonly extension: string;
  /** A causal sentence in the PubGrub style: "Because …, music cannot load." */
  readonly message: string;
  /** A concrete fix. */
  readonly hint?: string;
  /**
   * For `ZRX_CYCLE`: the closed cycle starting at `extension`, e.g. `['a', 'b', 'c', 'a']`.
   * For `ZRX_DEP_SKIPPED`: the path from `extension` through its dependencies to the
   * extension that has the root-cause problem, e.g. `['playlists', 'music']`.
   */
  readonly chain?: readonly string[];
}
