export type { Migration } from 'kysely';
export { createDatabase } from './database.js';
export { DbError, type DbErrorCode, isDbError } from './errors.js';
export type { MigrationScope } from './migrations.js';
export type { DatabaseOptions } from './options.js';
export {
  DEFAULT_SETTINGS,
  type GuildSettingKey,
  type GuildSettingValues,
} from './setting-schema.js';
export type { GuildSettings } from './settings.js';
export type {
  CommandStatsTable,
  GlobalStatsTable,
  GuildSettingsTable,
  GuildTables,
  MainTables,
} from './tables.js';
export type { CommandStat, DbStats, RemoveGuildOptions, ZoryxDatabase } from './zoryx-database.js';
