export type { ActivitySink } from './attribution.js';
export { currentExtension, outsideExtension, runAsExtension } from './attribution.js';
export type { BootSummaryInput, SummaryEntry } from './boot-summary.js';
export { formatBootSummary } from './boot-summary.js';
export type {
  BaseExtensionContext,
  ExtensionApis,
  ExtensionContext,
  ExtensionContextExtras,
  ExtensionRegistryView,
} from './context.js';
export type {
  ConfigOf,
  ExtensionApiResult,
  ExtensionConfigSchema,
  ExtensionDefinition,
  ExtensionDefinitionExtras,
  ExtensionMigrations,
} from './definition.js';
export { defineExtension } from './definition.js';
export type {
  DiscoveryIssue,
  DiscoveryOptions,
  DiscoveryResult,
  ExtensionSource,
} from './discovery.js';
export { discoverExtensions } from './discovery.js';
export type { Duration } from './duration.js';
export { toMilliseconds } from './duration.js';
export type { LoaderErrorCode, LoaderErrorInit } from './errors.js';
export { LoaderError, loaderErrorCatalogue } from './errors.js';
// Also adds the loader's `extension_*` events to @zoryx/hooks' HookEvents (declaration merging).
export type { ExtensionEventPayloads } from './events.js';
export { ExtensionHost } from './host.js';
export type {
  EnforcementToggles,
  ExtensionHostOptions,
  ExtensionInfo,
  QuarantineStore,
} from './host-options.js';
export type { HotReloadEvent, HotReloaderOptions } from './hot-reload.js';
export { HotReloader } from './hot-reload.js';
export type {
  CompiledModule,
  CompileOptions,
  EvaluateOptions,
  SharedModuleLookup,
} from './module-compiler.js';
export { compileExtension, evaluateModule } from './module-compiler.js';
export type { NormalisedName } from './names.js';
export { normaliseExtensionName } from './names.js';
export type { OwnedHookOptions, OwnedHooks } from './owned-hooks.js';
export type { DisposeFailure, OwnedResource } from './ownership.js';
export { OwnershipScope } from './ownership.js';
export type { CronOptions, EveryOptions, ExtensionScheduler, ScheduledTask } from './scheduler.js';
export type {
  BootReport,
  ExtensionErrorInfo,
  ExtensionManifestInfo,
  ExtensionState,
  ExtensionStatus,
  QuarantineInfo,
} from './status.js';
