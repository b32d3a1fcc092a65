export type { Migration } from 'kysely';
export { createDatabase } from './database.js';
export { DbError, type DbErrorCode, dbErrorCatalogue, isDbError } from './errors.js';
export type { MigrationScope } from './migrations.js';
export type {
  DatabaseOptions,
  PostgresDatabaseOptions,
  SqliteDatabaseOptions,
} from './options.js';
export type { LogicalBackup } from './postgres/logical-backup.js';
export type { CorruptGuildListener, CorruptGuildReport } from './recovery.js';
export type { GlobalStatsTable, GuildTables, MainTables } from './tables.js';
export type {
  DbStats,
  GuildResetListener,
  RemoveGuildOptions,
  ZoryxDatabase,
} from './zoryx-database.js';
