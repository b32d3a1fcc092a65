export { type BackupConfig, backupConfigSchema } from './config.js';
export { BackupError, type BackupErrorCode, backupErrorCatalogue } from './errors.js';
export { default } from './extension.js';
export { canonicalJson, checksumOf } from './snapshot/canonical.js';
export { type AssetData, type ReadSnapshot, readSnapshot } from './snapshot/migrations.js';
export {
  COMPONENTS,
  type Component,
  type JsonValue,
  SNAPSHOT_VERSION,
  type Snapshot,
  snapshotSchema,
} from './snapshot/schema.js';
export type {
  BackupApi,
  BackupHookPayload,
  BackupListEntry,
  BackupProgress,
  PlanSummary,
  RestoreMode,
  RestoreOptions,
  RestoreSummary,
} from './types.js';
export type * from './vocabulary.js';
