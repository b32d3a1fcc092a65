import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type TransactionSettings,
} from 'kysely';
import type { Backend } from './backend/backend.js';

/** Where a driver gets its connection from on every acquire, and gives it back to. */
export interface ConnectionSource {
  acquire(): Promise<DatabaseConnection>;
  release(connection: DatabaseConnection): void;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A kysely driver that leases the connection from a {@link ConnectionSource} on every acquire
 * instead of owning one. kysely's own SqliteDriver opens its database once at init and keeps it;
 * leasing per acquire is what lets the pool close an idle guild database and reopen it
 * transparently, count queries in flight, and share one mutex among every query builder of a
 * database.
 */
class LeaseDriver implements Driver {
  readonly #source: ConnectionSource;

  public constructor(source: ConnectionSource) {
    this.#source = source;
  }

  public async init(): Promise<void> {}

  public acquireConnection(): Promise<DatabaseConnection> {
    return this.#source.acquire();
  }

  public async beginTransaction(
    connection: DatabaseConnection,
    _settings: TransactionSettings,
  ): Promise<void> {
    // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
    // writes can fail with SQLITE_BUSY against another process without busy_timeout helping.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  public async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  public async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  public async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  public async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteIdentifier(name)}`));
  }

  public async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteIdentifier(name)}`));
  }

  public async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#source.release(connection);
  }

  /** The pool owns the connections; destroying one query builder must not close them. */
  public async destroy(): Promise<void> {}
}

/** A query builder over `backend`'s dialect whose connections come from `source`. */
export function createKysely<DB>(backend: Backend, source: ConnectionSource): Kysely<DB> {
  return new Kysely<DB>({
    dialect: { ...backend.dialectParts(), createDriver: () => new LeaseDriver(source) },
  });
}

/** A source handing out one connection the caller already holds exclusively (migrations). */
export function directSource(connection: DatabaseConnection): ConnectionSource {
  return { acquire: () => Promise.resolve(connection), release: () => {} };
}
