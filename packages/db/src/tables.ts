/**
 * `global_stats`: free-form counters and values of the whole bot, one row per key
 * (the original's table of the same name).
 */
export interface GlobalStatsTable {
  key: string;
  /** The value as text; callers encode numbers or JSON themselves. */
  value: string;
  /** Milliseconds since the Unix epoch of the last write. */
  updated_at: number;
}

/**
 * The tables of the main database. The data layer itself only creates `global_stats`; the layers
 * above (the framework, extensions) add theirs by declaration merging, create them with
 * `registerMigrations(owner, 'main', …)`, and then get typed queries on `db.main`:
 *
 * @example
 * ```ts
 * declare module '@zoryx/db' {
 *   interface MainTables { reminders: { id: Generated<number>; user_id: string; at: number } }
 * }
 * ```
 */
export interface MainTables {
  global_stats: GlobalStatsTable;
}

/**
 * The tables of every guild database: none of its own. The layers above (the framework,
 * extensions) add theirs by declaration merging, create them with
 * `registerMigrations(owner, 'guild', …)`, and then get typed queries on the
 * `Kysely<GuildTables>` that `db.guild(id)` returns:
 *
 * @example
 * ```ts
 * declare module '@zoryx/db' {
 *   interface GuildTables { warnings: { user_id: string; reason: string; at: number } }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: an augmentation point, filled by declaration merging
export interface GuildTables {}
