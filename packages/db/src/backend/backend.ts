import type { DatabaseConnection, Dialect } from 'kysely';

/**
 * One open database behind the backend seam. It is a kysely `DatabaseConnection` (so the driver
 * hands it to kysely as is) plus the few maintenance operations the data layer needs. Nothing
 * here names SQLite: a PostgreSQL backend (a schema per guild) implements the same shape.
 */
export interface BackendConnection extends DatabaseConnection {
  /** Where the database lives (a file path for SQLite), used in error messages. */
  readonly location: string;
  /** Copies the live database into `file` without stopping it (an online backup). */
  backupTo(file: string): Promise<void>;
  /** Moves logged writes into the main database so a file copy of it is complete. */
  checkpoint(): void;
  /** Releases the connection; idempotent. */
  close(): void;
}

/**
 * Everything dialect-specific the data layer uses: where databases live, how to open, remove and
 * restore one, how to check a backup copy, and the kysely dialect pieces (adapter, compiler,
 * introspector) the query builder needs. The rest of the package only talks to this interface.
 */
export interface Backend {
  /** The location of the main database. */
  mainLocation(): string;
  /** The location of one guild's database; `guildId` is already validated. */
  guildLocation(guildId: string): string;
  /** The directory holding backups of one database (`main` or a guild id). */
  backupDirectory(key: string): string;
  /** Opens (creating when absent) the database at `location`; throws coded errors. */
  open(location: string): BackendConnection;
  /** Whether a database exists at `location`. */
  exists(location: string): boolean;
  /** Deletes the database at `location` and its side files; missing files are fine. */
  remove(location: string): void;
  /** Throws `ZRX_DB_BACKUP` unless the copy at `file` passes an integrity check. */
  verifyCopy(file: string): void;
  /** Replaces the (closed) database at `location` with the verified copy at `file`. */
  restore(location: string, file: string): void;
  /** The dialect parts kysely needs; the driver is supplied by the pool. */
  dialectParts(): Pick<Dialect, 'createAdapter' | 'createQueryCompiler' | 'createIntrospector'>;
}
