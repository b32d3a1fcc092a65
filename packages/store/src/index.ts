export { AtomicStore } from './atomic-store.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export type { StoreFileSystem } from './file-system.js';
export { nodeFileSystem } from './file-system.js';
export type { StoreHealth } from './health.js';
export type {
  AtomicStoreOptions,
  ReadJsonOptions,
  StoreStats,
  WriteJsonOptions,
} from './types.js';
