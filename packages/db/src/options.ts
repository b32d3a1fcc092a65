import { DbError } from './errors.js';

/**
 * Options of {@link createDatabase}: the embedded SQLite backend (the default, only `dir`
 * required) or PostgreSQL (`dialect: 'postgres'`, see {@link PostgresDatabaseOptions}).
 */
export type DatabaseOptions = SqliteDatabaseOptions | PostgresDatabaseOptions;

/** Options of the SQLite backend. Only `dir` is required. */
export interface SqliteDatabaseOptions {
  /** The embedded default; may be left out. */
  dialect?: 'sqlite';
  /** Data directory: `main.db`, `guilds/<guildId>.db`, `backups/…` live under it. */
  dir: string;
  /** Guild databases kept open at most (the main one not counted). Default 64. */
  maxOpenGuilds?: number;
  /** Close a guild database unused this long; 0 disables idle closing. Default 300,000 (5 min). */
  idleCloseMs?: number;
  /** How long a write waits for another process' lock before failing. Default 5,000. */
  busyTimeoutMs?: number;
  /** Online backups: how many to keep, whether `close()` writes them, and where. */
  backups?: {
    /** Backups kept per database; older ones are pruned. Default 5. */
    keep?: number;
    /** Back up the main database and the guilds used since the last backup on `close()`. Default true. */
    onClose?: boolean;
    /** Where backups go. Default `<dir>/backups`. */
    dir?: string;
  };
  /** Clock in milliseconds; injectable for tests. Default `Date.now`. */
  now?: () => number;
  /**
   * Receives errors of background work (idle closing, failed guild migrations, throwing
   * `onGuildReset` listeners). Default: a process warning.
   */
  onError?: (error: unknown) => void;
}

/**
 * Options of the PostgreSQL backend: one database shared by every process of the bot, a schema
 * per guild (`<schemaPrefix>g_<guildId>`) and one for the main tables (`<schemaPrefix>main`).
 */
export interface PostgresDatabaseOptions {
  dialect: 'postgres';
  /** A `postgres://user:password@host:port/database` URL. */
  connectionString: string;
  /** Prefix of every schema this bot creates, so bots can share a database. Default `zoryx_`. */
  schemaPrefix?: string;
  /** Connections this process keeps at most. Default 10. */
  poolSize?: number;
  /** Guild query builders kept ready (and migration-checked) at most. Default 1,024. */
  maxOpenGuilds?: number;
  /** Logical (JSON) backups: how many to keep, whether `close()` writes them, and where. */
  backups?: {
    /** Backups kept per schema. Default 5. */
    keep?: number;
    /** Back up on `close()`. Default false: with many workers, a backup job is the better place. */
    onClose?: boolean;
    /** Where backup files go. Default `<dir>/backups`; without either, backups are refused. */
    dir?: string;
  };
  /** A local directory for backups (`<dir>/backups`); optional. */
  dir?: string;
  /** Clock in milliseconds; injectable for tests. Default `Date.now`. */
  now?: () => number;
  /** Receives errors of background work (failed guild migrations, throwing listeners). */
  onError?: (error: unknown) => void;
}

/** {@link DatabaseOptions} with every default applied. */
export interface ResolvedOptions {
  dir: string;
  maxOpenGuilds: number;
  idleCloseMs: number;
  busyTimeoutMs: number;
  backupKeep: number;
  backupOnClose: boolean;
  backupDir: string | undefined;
  now: () => number;
  onError: (error: unknown) => void;
}

export function count(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new DbError(
      'ZRX_DB_INPUT',
      `Option ${name} must be an integer ≥ ${min}; got ${String(value)}.`,
      `Pass a whole number of at least ${min}, or leave ${name} out for the default ${fallback}.`,
    );
  }
  return value;
}

export function warn(error: unknown): void {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'ZoryxDbWarning');
}

/** Applies defaults and validates; throws `ZRX_DB_INPUT` on a bad option. */
export function resolveOptions(options: SqliteDatabaseOptions): ResolvedOptions {
  if (typeof options?.dir !== 'string' || options.dir.length === 0) {
    throw new DbError(
      'ZRX_DB_INPUT',
      'Option dir is missing or empty.',
      'Pass the data directory, e.g. createDatabase({ dir: "./data" }).',
    );
  }
  return {
    dir: options.dir,
    maxOpenGuilds: count('maxOpenGuilds', options.maxOpenGuilds, 64, 1),
    idleCloseMs: count('idleCloseMs', options.idleCloseMs, 300_000, 0),
    busyTimeoutMs: count('busyTimeoutMs', options.busyTimeoutMs, 5_000, 0),
    backupKeep: count('backups.keep', options.backups?.keep, 5, 1),
    backupOnClose: options.backups?.onClose ?? true,
    backupDir: options.backups?.dir,
    now: options.now ?? Date.now,
    onError: options.onError ?? warn,
  };
}
