import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  type CompiledQuery,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { DbError, isDbError } from '../errors.js';
import type {
  Backend,
  BackendConnection,
  CheckedOpen,
  CorruptionFinding,
  StagedRestore,
} from './backend.js';
import {
  existingSideFiles,
  moveFilesAside,
  precheckFile,
  removeSideFiles,
} from './sqlite-files.js';

/** SQLite result codes that mean "this file is not a (healthy) database". */
const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** Prepared statements kept per connection; a bot's query shapes are few and repeat. */
const STATEMENT_CACHE_SIZE = 200;

/** Options of the SQLite backend. */
export interface SqliteBackendOptions {
  /** Root data directory (absolute after resolve). */
  dir: string;
  /** Where backups go; defaults to `<dir>/backups`. */
  backupDir?: string;
  /** How long a writer waits for another process' lock before failing. */
  busyTimeoutMs: number;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function corrupt(location: string, cause: unknown): DbError {
  return new DbError(
    'ZRX_DB_CORRUPT',
    `Database file ${location} is corrupt or not a SQLite database (${codeOf(cause) ?? 'unknown'}).`,
    'A guild database is checked, kept aside and recovered on its next use (see onCorrupt); for main.db, restore a backup from backups/main by hand.',
    { cause },
  );
}

function isCorruption(error: unknown): boolean {
  return CORRUPT_CODES.has(codeOf(error) ?? '');
}

/** The finding for a file SQLite itself refused or found damaged while reading it. */
function damaged(cause: unknown): CorruptionFinding {
  const code = codeOf(cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  return { problem: 'damaged', detail: code ? `${code}: ${message}` : message };
}

/**
 * One better-sqlite3 connection with a bounded statement cache: kysely prepares by SQL text on
 * every execution, and better-sqlite3 itself does not cache, so reusing statements here saves
 * SQLite's parse and plan on every repeated query.
 */
export class SqliteConnection implements BackendConnection {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  public readonly location: string;
  /** Set when a query failed with SQLITE_CORRUPT/NOTADB (see {@link BackendConnection.damaged}). */
  public damaged = false;
  /** Statements compiled by SQLite so far (a cache hit does not count); for tests and tuning. */
  public prepared = 0;

  public constructor(db: Database.Database, location: string) {
    this.#db = db;
    this.location = location;
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.prepared += 1;
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        // Oldest-inserted goes first: cheap, and the hot shapes get re-added at once.
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  public executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    try {
      const statement = this.#prepare(compiled.sql);
      const parameters = compiled.parameters as unknown[];
      if (statement.reader) {
        return Promise.resolve({ rows: statement.all(parameters) as R[] });
      }
      const { changes, lastInsertRowid } = statement.run(parameters);
      return Promise.resolve({
        numAffectedRows: BigInt(changes),
        insertId: BigInt(lastInsertRowid),
        rows: [],
      });
    } catch (error) {
      if (!isCorruption(error)) return Promise.reject(error);
      this.damaged = true;
      return Promise.reject(corrupt(this.location, error));
    }
  }

  public async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) {
      throw new DbError(
        'ZRX_DB_INPUT',
        `Only SELECT queries can be streamed (${this.location}).`,
        'Use execute() for INSERT, UPDATE and DELETE.',
      );
    }
    // A fresh statement: a cached one may be needed by another query while this one iterates.
    const statement = this.#db.prepare(compiled.sql);
    for (const row of statement.iterate(compiled.parameters as unknown[])) {
      yield { rows: [row as R] };
    }
  }

  public async backupTo(file: string): Promise<void> {
    await this.#db.backup(file);
    // The copy inherits WAL mode from its source, and any later open of a WAL database (even a
    // read-only one, e.g. to verify it) leaves -wal/-shm files beside it. A rollback-journal copy
    // is one self-contained file; a restore switches it back to WAL when it opens it.
    try {
      const copy = new Database(file);
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
    } finally {
      removeSideFiles(file);
    }
  }

  /** `ok`, or SQLite's first complaint: a structural check of every page (no index contents). */
  public quickCheck(): string {
    return String(this.#db.pragma('quick_check', { simple: true }));
  }

  public checkpoint(): void {
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
  }

  public close(): void {
    this.#statements.clear();
    if (this.#db.open) this.#db.close();
  }
}

/**
 * The SQLite backend. Layout under `dir`:
 * `main.db`, `guilds/<guildId>.db` (+ `-wal`/`-shm`), and backups under
 * `backups/main/` and `backups/guilds/<guildId>/`.
 */
export class SqliteBackend implements Backend {
  readonly #dir: string;
  readonly #backupDir: string;
  readonly #busyTimeoutMs: number;

  public constructor(options: SqliteBackendOptions) {
    this.#dir = resolve(options.dir);
    this.#backupDir = resolve(options.backupDir ?? join(this.#dir, 'backups'));
    this.#busyTimeoutMs = options.busyTimeoutMs;
    try {
      mkdirSync(join(this.#dir, 'guilds'), { recursive: true });
    } catch (cause) {
      throw new DbError(
        'ZRX_DB_OPEN',
        `Cannot create the data directory ${this.#dir}.`,
        'Check that the parent directory exists and is writable by the bot user.',
        { cause },
      );
    }
  }

  public mainLocation(): string {
    return join(this.#dir, 'main.db');
  }

  public guildLocation(guildId: string): string {
    return join(this.#dir, 'guilds', `${guildId}.db`);
  }

  public backupDirectory(key: string): string {
    return key === 'main' ? join(this.#backupDir, 'main') : join(this.#backupDir, 'guilds', key);
  }

  public open(location: string): Promise<BackendConnection> {
    try {
      return Promise.resolve(this.openNow(location));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * {@link open} without the promise: better-sqlite3 opens synchronously, and `createDatabase`
   * opens `main.db` while it constructs (so a damaged one throws there, as documented).
   */
  public openNow(location: string): SqliteConnection {
    let db: Database.Database;
    try {
      db = new Database(location, { timeout: this.#busyTimeoutMs });
    } catch (cause) {
      if (CORRUPT_CODES.has(codeOf(cause) ?? '')) throw corrupt(location, cause);
      throw new DbError(
        'ZRX_DB_OPEN',
        `Cannot open database ${location} (${codeOf(cause) ?? String(cause)}).`,
        'Check that the directory exists and the bot user may read and write it.',
        { cause },
      );
    }
    try {
      // journal_mode reads the header first, so a foreign or damaged file fails here, before
      // anything is written to it.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    } catch (cause) {
      db.close();
      if (CORRUPT_CODES.has(codeOf(cause) ?? '')) throw corrupt(location, cause);
      throw new DbError(
        'ZRX_DB_OPEN',
        `Cannot configure database ${location} (${codeOf(cause) ?? String(cause)}).`,
        'Another process may hold an exclusive lock; stop it or raise busyTimeoutMs.',
        { cause },
      );
    }
    return new SqliteConnection(db, location);
  }

  public openChecked(location: string): Promise<CheckedOpen> {
    try {
      return Promise.resolve(this.#openCheckedNow(location));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #openCheckedNow(location: string): CheckedOpen {
    const found = precheckFile(location);
    if (found !== undefined) return { corrupt: found };
    let connection: SqliteConnection;
    try {
      connection = this.openNow(location);
    } catch (error) {
      if (!isDbError(error, 'ZRX_DB_CORRUPT')) throw error;
      return { corrupt: damaged(error.cause) };
    }
    let result: string;
    try {
      result = connection.quickCheck();
    } catch (cause) {
      connection.close();
      if (!isCorruption(cause)) throw cause;
      return { corrupt: damaged(cause) };
    }
    if (result === 'ok') return { connection };
    connection.close();
    const detail = result.replace(/\s*\n\s*/g, '; ').slice(0, 500);
    return { corrupt: { problem: 'damaged', detail: `PRAGMA quick_check: ${detail}` } };
  }

  public moveAside(location: string, suffix: string): string[] {
    return moveFilesAside(location, suffix);
  }

  public exists(location: string): boolean {
    return existsSync(location);
  }

  public remove(location: string): void {
    rmSync(location, { force: true });
    removeSideFiles(location);
  }

  public verifyCopy(file: string): void {
    let result: unknown;
    // Opening a WAL-mode file, even read-only, creates -wal/-shm beside it (backups of older
    // versions are such files); those this check created go again once it is done.
    const before = existingSideFiles(file);
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        result = db.pragma('integrity_check', { simple: true });
      } finally {
        db.close();
        removeSideFiles(file, before);
      }
    } catch (cause) {
      throw new DbError(
        'ZRX_DB_BACKUP',
        `Backup copy ${file} cannot be read as a SQLite database.`,
        'Check free disk space and the backup directory, then run the backup again.',
        { cause },
      );
    }
    if (result !== 'ok') {
      throw new DbError(
        'ZRX_DB_BACKUP',
        `Backup copy ${file} failed PRAGMA integrity_check: ${String(result)}.`,
        'The source may be damaged: run PRAGMA integrity_check on it and restore an older backup.',
      );
    }
  }

  public restore(location: string, file: string): void {
    this.stageRestore(location, file).commit();
  }

  public stageRestore(location: string, file: string): StagedRestore {
    mkdirSync(dirname(location), { recursive: true });
    const staging = `${location}.restoring`;
    try {
      copyFileSync(file, staging);
    } catch (error) {
      rmSync(staging, { force: true });
      throw error;
    }
    return {
      commit: () => {
        // Stale WAL frames of the old database must not be replayed onto the restored copy.
        removeSideFiles(location);
        renameSync(staging, location);
      },
      discard: () => rmSync(staging, { force: true }),
    };
  }

  public dialectParts(): ReturnType<Backend['dialectParts']> {
    return {
      createAdapter: () => new SqliteAdapter(),
      createQueryCompiler: () => new SqliteQueryCompiler(),
      createIntrospector: (db) => new SqliteIntrospector(db),
    };
  }
}
