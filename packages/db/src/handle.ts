import type { Kysely } from 'kysely';
import type { BackendConnection } from './backend/backend.js';
import { Mutex } from './mutex.js';

/**
 * One open database: its connection, the mutex that serialises its use, the number of leases
 * in flight (a handle with `refs > 0` is never closed by the pool) and the migration generation
 * it was last brought up to.
 */
export class DatabaseHandle<DB = unknown> {
  /** `main` or the guild id. */
  public readonly key: string;
  public readonly connection: BackendConnection;
  public readonly mutex = new Mutex();
  /** The query builder bound to this database's key (not to this handle: it outlives it). */
  public readonly kysely: Kysely<DB>;
  /** Leases taken and not yet returned, including ones still waiting for the mutex. */
  public refs = 0;
  /** Pool sequence number of the last use: the smallest among idle handles is evicted first. */
  public stamp = 0;
  /** Clock value of the last returned lease. */
  public lastUsed: number;
  /** Set once the connection is closed; waiters that see it start over with a fresh handle. */
  public closed = false;
  /** The migration registry generation this database is known to be migrated to. */
  public generation = -1;

  public constructor(key: string, connection: BackendConnection, kysely: Kysely<DB>, now: number) {
    this.key = key;
    this.connection = connection;
    this.kysely = kysely;
    this.lastUsed = now;
  }

  /** Closes the connection; callers make sure no lease is active. */
  public close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.close();
  }
}
