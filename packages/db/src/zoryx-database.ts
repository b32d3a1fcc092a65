import type { Kysely, Migration } from 'kysely';
import type { MigrationScope } from './migrations.js';
import type { CorruptGuildListener } from './recovery.js';
import type { GuildTables, MainTables } from './tables.js';

/** Options of {@link ZoryxDatabase.removeGuild}. */
export interface RemoveGuildOptions {
  /** Write a verified backup before deleting the database. Default false. */
  backupFirst?: boolean;
}

/**
 * Called after a guild's database was replaced by a backup (`restore`), deleted (`remove`), or
 * kept aside as damaged and replaced (`recover`, see {@link ZoryxDatabase.onCorrupt}), so that
 * whatever a layer above derived from it (a cache of its rows) can be dropped.
 */
export type GuildResetListener = (
  guildId: string,
  reason: 'restore' | 'remove' | 'recover',
) => void;

/** Counters and gauges of the data layer, for `dbstats` and the dashboard. */
export interface DbStats {
  /** Guild databases open now (the main database is not counted). */
  openGuilds: number;
  /** The pool's bound. */
  maxOpenGuilds: number;
  /** Leases of guild databases in flight (queries, transactions, waiting ones included). */
  inFlight: number;
  /** Leases that found their guild database open. */
  hits: number;
  /** Leases that had to open their guild database. */
  misses: number;
  /** Guild databases closed because the pool was full. */
  evictions: number;
  /** Guild databases closed because they were idle for `idleCloseMs`. */
  idleCloses: number;
  /** Migrations applied since start, over all databases. */
  migrationsApplied: number;
  /** Verified backups written since start. */
  backupsWritten: number;
  /** Damaged guild databases kept aside and replaced since start. */
  corruptRecovered: number;
}

/**
 * The data layer: a main database and one database per guild, opened lazily through a bounded
 * pool, migrated per owner, backed up online. It owns no tables but `global_stats`: the layers
 * above declare theirs (see {@link MainTables}, {@link GuildTables}) and create them with
 * {@link ZoryxDatabase.registerMigrations}. Create it with {@link createDatabase}.
 */
export interface ZoryxDatabase {
  /** The main database (`global_stats` and the tables the layers above registered). */
  readonly main: Kysely<MainTables>;
  /**
   * One guild's database: opened (or created) and migrated on first use, pooled afterwards.
   * The returned query builder stays valid after the pool closes the file; it reopens it.
   * The first open in a process checks the file (not empty, a SQLite header, `PRAGMA
   * quick_check`); a damaged one is kept aside and replaced, see {@link ZoryxDatabase.onCorrupt}.
   * Rejects with `ZRX_DB_GUILD_ID`, `ZRX_DB_RECOVERY`, `ZRX_DB_MIGRATION`; a query that meets
   * damage after the check rejects with `ZRX_DB_CORRUPT` (the next use recovers the guild).
   */
  guild(guildId: string): Promise<Kysely<GuildTables>>;
  /**
   * Registers (or replaces) `owner`'s migrations for `scope`. Main migrations run before this
   * resolves; guild migrations run on each guild database's next use (including open ones).
   */
  registerMigrations(
    owner: string,
    scope: MigrationScope,
    migrations: Record<string, Migration>,
  ): Promise<void>;
  /**
   * Writes verified online backups and prunes old ones; returns their absolute paths. With a
   * guild id: that guild. Without: the main database and every guild used since the last
   * such backup (failures of single guilds go to `onError`, the others still run).
   */
  backup(guildId?: string): Promise<string[]>;
  /** Existing backups of a guild (or of the main database), oldest first. */
  listBackups(guildId?: string): string[];
  /** Replaces a guild's database with a backup copy (verified first); waits for queries in flight. */
  restoreGuild(guildId: string, backupFile: string): Promise<void>;
  /** Deletes a guild's database (after in-flight queries finish), optionally backing it up first. */
  removeGuild(guildId: string, options?: RemoveGuildOptions): Promise<void>;
  /**
   * Subscribes to guild databases being restored or removed (also when that failed halfway, so a
   * cache is never left stale). Returns the unsubscribe function; a throwing listener goes to
   * `onError` and does not affect the others.
   */
  onGuildReset(listener: GuildResetListener): () => void;
  /**
   * Subscribes to damaged guild databases. When a guild's file fails its check on open (0 bytes,
   * not a SQLite database, `PRAGMA quick_check` errors, or damage a query met earlier), it is
   * never silently replaced: it is renamed to `<file>.corrupt-<UTC stamp>` (its `-wal`/`-shm`
   * along), the newest backup of the guild that passes `PRAGMA integrity_check` is restored in
   * its place (else an empty database is created), and each listener gets a
   * {@link CorruptGuildReport} saying so. Without listeners the report's `error` goes to
   * `onError`. A listener that throws or rejects goes to `onError`. Returns the unsubscribe.
   */
  onCorrupt(listener: CorruptGuildListener): () => void;
  /** Closes guild databases idle for `idleCloseMs` now; returns how many (also runs on a timer). */
  closeIdle(): number;
  /** Counters and gauges. */
  stats(): DbStats;
  /** Backs up (unless disabled), checkpoints and closes everything. Idempotent. */
  close(): Promise<void>;
}
