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

/** `command_stats`: how often each command ran, and when it last did. */
export interface CommandStatsTable {
  name: string;
  count: number;
  /** Milliseconds since the Unix epoch of the most recent recorded use. */
  last_used: number;
}

/** `guild_settings`: one row per setting key; `value` holds the JSON encoding of the value. */
export interface GuildSettingsTable {
  key: string;
  value: string;
  /** Milliseconds since the Unix epoch of the last write. */
  updated_at: number;
}

/**
 * The tables of the main database. Extensions add theirs by declaration merging and then get
 * typed queries on `db.main`:
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
  command_stats: CommandStatsTable;
}

/**
 * The tables of every guild database. Extensions add theirs by declaration merging and then get
 * typed queries on the `Kysely<GuildTables>` that `db.guild(id)` returns:
 *
 * @example
 * ```ts
 * declare module '@zoryx/db' {
 *   interface GuildTables { warnings: { user_id: string; reason: string; at: number } }
 * }
 * ```
 */
export interface GuildTables {
  guild_settings: GuildSettingsTable;
}
