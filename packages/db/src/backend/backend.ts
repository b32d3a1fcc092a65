import type { DatabaseConnection, Dialect } from 'kysely';

/**
 * One open database behind the backend seam. It is a kysely `DatabaseConnection` (so the driver
 * hands it to kysely as is) plus the few maintenance operations the data layer needs. Nothing
 * here names SQLite: a PostgreSQL backend (a schema per guild) implements the same shape.
 */
export interface BackendConnection extends DatabaseConnection {
  /** Where the database lives (a file path for SQLite), used in error messages. */
  readonly location: string;
  /**
   * Copies the live database into `file` without stopping it (an online backup). The copy is one
   * self-contained file: no side files are left next to it, none are needed to read it.
   */
  backupTo(file: string): Promise<void>;
  /**
   * Set once a query on this connection reported damaged data, so the pool closes it and the next
   * use checks the file again (and recovers it).
   */
  readonly damaged: boolean;
  /** Moves logged writes into the main database so a file copy of it is complete. */
  checkpoint(): void;
  /** Releases the connection; idempotent. */
  close(): void;
}

/** What is wrong with a database file that failed its check. */
export interface CorruptionFinding {
  /** `empty`: 0 bytes; `not-a-database`: no database header; `damaged`: the check found errors. */
  readonly problem: 'empty' | 'not-a-database' | 'damaged';
  /** What the check reported, e.g. SQLite's first `quick_check` message. */
  readonly detail: string;
}

/** The outcome of {@link Backend.openChecked}: an open connection, or why there is none. */
export type CheckedOpen =
  | { readonly connection: BackendConnection }
  | { readonly corrupt: CorruptionFinding };

/** A backup copied next to the database it replaces, not yet in place. */
export interface StagedRestore {
  /** Removes the database's side files and renames the copy into place. */
  commit(): void;
  /** Deletes the copy; the database stays as it is. */
  discard(): void;
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
  /**
   * Opens (creating when absent) the database at `location`; rejects with coded errors. Async so
   * that a backend which must reach a server (connect, check a schema) fits the same seam; one
   * whose open is local (SQLite) resolves at once. Callers share one pending open per location
   * (see `GuildPool`), so a backend never sees two concurrent opens of one guild.
   */
  open(location: string): Promise<BackendConnection>;
  /**
   * Opens the database at `location` only if it passes a check (not empty, a database header,
   * a structural check of every page); a missing one is created. A file that fails is closed
   * again and left as it is. Other failures (permissions, locks) throw coded errors.
   */
  openChecked(location: string): Promise<CheckedOpen>;
  /**
   * Moves the database at `location` and its side files aside, next to it, under
   * `<location><suffix>` (`_NN` appended if taken; side files keep their own suffix after it),
   * all or nothing; returns the new paths, the database's first.
   */
  moveAside(location: string, suffix: string): string[];
  /** Whether a database exists at `location`. */
  exists(location: string): boolean;
  /** Deletes the database at `location` and its side files; missing files are fine. */
  remove(location: string): void;
  /** Throws `ZRX_DB_BACKUP` unless the copy at `file` passes an integrity check. */
  verifyCopy(file: string): void;
  /** Replaces the (closed) database at `location` with the verified copy at `file`. */
  restore(location: string, file: string): void;
  /**
   * The first half of {@link Backend.restore}: copies `file` next to `location` under a staging
   * name and returns how to finish (`commit`: put it in place) or abandon (`discard`) the swap, so
   * a caller can do something in between that must only happen once the copy exists.
   */
  stageRestore(location: string, file: string): StagedRestore;
  /** The dialect parts kysely needs; the driver is supplied by the pool. */
  dialectParts(): Pick<Dialect, 'createAdapter' | 'createQueryCompiler' | 'createIntrospector'>;
}
