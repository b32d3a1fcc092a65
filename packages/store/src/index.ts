export { AtomicStore } from './atomic-store.js';
export {
  DATA_FOLDER_LOCK_FILE,
  type DataFolderLock,
  type LockDataFolderOptions,
  lockDataFolder,
} from './data-folder-lock.js';
export {
  type LockHolder,
  StoreError,
  type StoreErrorCode,
  type StoreErrorOptions,
  storeErrorCatalogue,
} from './errors.js';
export type { FileIdentity, StoreFileSystem } from './file-system.js';
export { nodeFileSystem } from './file-system.js';
export type { StoreHealth } from './health.js';
export type {
  AtomicStoreOptions,
  ReadJsonOptions,
  StoreCorruptEvent,
  StoreStats,
  WriteJsonOptions,
} from './types.js';
