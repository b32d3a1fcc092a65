export { type ResolverCatalogueCode, resolverErrorCatalogue } from './errors';
export type { NormalizedName } from './extension-name';
export { EXTENSION_NAME_PATTERN, normalizeExtensionName } from './extension-name';
export type {
  ExtensionManifest,
  ResolutionPlan,
  ResolveOptions,
  SkippedExtension,
} from './plan';
export type { Problem, ProblemCodeValue, ProblemSeverity } from './problem';
export { ProblemCode } from './problem';
export { resolve } from './resolve';
export type { ResolverErrorCode } from './resolver-error';
export { ResolverError } from './resolver-error';
export { dependentsOf, unloadOrder } from './unload-order';
