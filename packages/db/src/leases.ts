import type { DatabaseConnection, Kysely } from 'kysely';
import type { Backend, BackendConnection, CorruptionFinding } from './backend/backend.js';
import { createKysely, directSource } from './driver.js';
import { DbError, isDbError } from './errors.js';
import { GuildPool } from './guild-pool.js';
import { DatabaseHandle } from './handle.js';
import { applyMigrations, type MigrationRegistry, type MigrationScope } from './migrations.js';
import type { GuildTables, MainTables } from './tables.js';

type AnyHandle = DatabaseHandle<MainTables> | DatabaseHandle<GuildTables>;

/** `ZRX_DB_CLOSED` for an operation attempted after `close()`. */
export function closedError(what: string): DbError {
  return new DbError(
    'ZRX_DB_CLOSED',
    `The database was closed; cannot ${what}.`,
    'Create a new database with createDatabase() or stop using this one after close().',
  );
}

/** What {@link Leases} needs to know. */
export interface LeasesOptions {
  backend: Backend;
  registry: MigrationRegistry;
  maxOpenGuilds: number;
  idleCloseMs: number;
  now: () => number;
  onError: (error: unknown) => void;
  /** False once shutdown stops handing out guild databases. */
  acceptsGuilds: () => boolean;
  /** Keeps a guild database that failed its check aside, puts a replacement in place, opens it. */
  recover: (
    guildId: string,
    location: string,
    finding: CorruptionFinding,
  ) => Promise<BackendConnection>;
  /** The main database, already open: the caller decides when and how it opens. */
  mainConnection: BackendConnection;
}

/**
 * Hands out connections: the main database's and, through the pool, guild databases'. A lease
 * holds the database's mutex (so its statements and transactions never interleave) and counts
 * as in flight (so the pool never closes it); before the first lease after a change of the
 * registered migrations, the database is migrated under that same lease.
 */
export class Leases {
  public readonly main: Kysely<MainTables>;
  public readonly mainHandle: DatabaseHandle<MainTables>;
  public readonly pool: GuildPool<GuildTables>;
  /** Guilds leased since the last full backup. */
  public readonly touched = new Set<string>();
  public migrationsApplied = 0;
  readonly #options: LeasesOptions;
  readonly #handles = new WeakMap<DatabaseConnection, AnyHandle>();
  readonly #barriers = new Map<string, Promise<void>>();
  /**
   * Guilds whose file passed the check since this process opened it: the check reads every
   * page, so it runs on a guild's first open only, not on each reopen after an eviction. A query
   * that meets damage later takes the guild out again (see `release`).
   */
  readonly #checked = new Set<string>();
  readonly #rechecks = new Set<string>();

  public readonly release = (connection: DatabaseConnection): void => {
    const handle = this.#handles.get(connection);
    if (handle === undefined) return;
    handle.mutex.unlock();
    if (handle === this.mainHandle) {
      handle.refs -= 1;
      handle.lastUsed = this.#options.now();
      return;
    }
    this.pool.checkin(handle as DatabaseHandle<GuildTables>);
    if (handle.connection.damaged) this.#recheck(handle.key);
  };

  public constructor(options: LeasesOptions) {
    this.#options = options;
    this.pool = new GuildPool({
      maxOpen: options.maxOpenGuilds,
      idleCloseMs: options.idleCloseMs,
      now: options.now,
      open: (guildId) => this.#openGuild(guildId),
    });
    const connection = options.mainConnection;
    this.main = createKysely<MainTables>(options.backend, {
      acquire: () => this.acquireMain(),
      release: this.release,
    });
    this.mainHandle = new DatabaseHandle('main', connection, this.main, options.now());
    this.#handles.set(connection, this.mainHandle);
  }

  async #openGuild(guildId: string): Promise<DatabaseHandle<GuildTables>> {
    const connection = await this.#openGuildFile(guildId);
    // Bound to the guild id, not to this handle: after an eviction it reopens the database.
    const kysely = createKysely<GuildTables>(this.#options.backend, {
      acquire: () => this.acquireGuild(guildId),
      release: this.release,
    });
    const handle = new DatabaseHandle(guildId, connection, kysely, this.#options.now());
    this.#handles.set(connection, handle);
    return handle;
  }

  /** Opens a guild's file: checked on its first open, recovered when the check fails. */
  async #openGuildFile(guildId: string): Promise<BackendConnection> {
    const { backend } = this.#options;
    const location = backend.guildLocation(guildId);
    if (this.#checked.has(guildId)) {
      try {
        return await backend.open(location);
      } catch (error) {
        if (!isDbError(error, 'ZRX_DB_CORRUPT')) throw error;
        this.#checked.delete(guildId); // damaged since its check: check and recover below
      }
    }
    const opened = await backend.openChecked(location);
    const connection =
      'connection' in opened
        ? opened.connection
        : await this.#options.recover(guildId, location, opened.corrupt);
    this.#checked.add(guildId);
    return connection;
  }

  /**
   * A query met damage in a guild database that had passed its check: its caller got
   * `ZRX_DB_CORRUPT`; the database is closed once its leases are back, so that the next use
   * checks the file again and recovers it.
   */
  #recheck(guildId: string): void {
    this.#checked.delete(guildId);
    if (this.#rechecks.has(guildId)) return;
    this.#rechecks.add(guildId);
    this.exclusive(guildId, async () => undefined)
      .catch(this.#options.onError)
      .finally(() => this.#rechecks.delete(guildId));
  }

  /**
   * The query builder of a guild database that is open and migrated, without taking a lease:
   * `db.guild(id)` called inside a transaction of the same guild must not wait for that
   * transaction's own lease.
   */
  public ready(guildId: string): Kysely<GuildTables> | undefined {
    const handle = this.pool.peek(guildId);
    if (
      handle === undefined ||
      handle.closed ||
      this.#barriers.has(guildId) ||
      handle.generation !== this.#options.registry.generation('guild')
    ) {
      return undefined;
    }
    return handle.kysely;
  }

  /** The handle a leased connection belongs to. */
  public handleOf(connection: DatabaseConnection): AnyHandle {
    return this.#handles.get(connection)!;
  }

  async #migrate(handle: AnyHandle, scope: MigrationScope): Promise<void> {
    const { registry, backend, now, onError } = this.#options;
    const generation = registry.generation(scope);
    const direct = createKysely<unknown>(backend, directSource(handle.connection));
    const run = await applyMigrations(
      direct,
      registry.owners(scope),
      handle.connection.location,
      now,
    );
    this.migrationsApplied += run.ran;
    registry.recordRun(scope, run);
    // Failed owners are retried when the database is reopened or migrations change, not on
    // every query; guild failures have no caller waiting for them, so they are reported.
    handle.generation = generation;
    if (scope === 'guild') for (const { error } of run.failures) onError(error);
  }

  /** Leases the main database (migrating it first if needed). */
  public async acquireMain(): Promise<DatabaseConnection> {
    const handle = this.mainHandle;
    if (handle.closed) throw closedError('query the main database');
    handle.refs += 1;
    const wait = handle.mutex.lock();
    if (wait) await wait;
    try {
      if (handle.closed) throw closedError('query the main database');
      if (handle.generation !== this.#options.registry.generation('main')) {
        await this.#migrate(handle, 'main');
      }
    } catch (error) {
      this.release(handle.connection);
      throw error;
    }
    return handle.connection;
  }

  /** Leases a guild database, opening and migrating it as needed; `track` marks it for backup. */
  public async acquireGuild(guildId: string, track = true): Promise<DatabaseConnection> {
    for (;;) {
      if (!this.#options.acceptsGuilds()) throw closedError(`use guild ${guildId}`);
      const barrier = this.#barriers.get(guildId);
      if (barrier !== undefined) {
        await barrier;
        continue;
      }
      const out = this.pool.checkout(guildId);
      const handle = out instanceof Promise ? await out : out;
      const wait = handle.mutex.lock();
      if (wait) await wait;
      if (handle.closed) {
        // Evicted for removal or restore while we waited: start over with a fresh handle.
        this.release(handle.connection);
        continue;
      }
      if (handle.generation !== this.#options.registry.generation('guild')) {
        try {
          await this.#migrate(handle, 'guild');
        } catch (error) {
          this.release(handle.connection);
          throw error;
        }
      }
      if (track) this.touched.add(guildId);
      return handle.connection;
    }
  }

  /** Runs `run` on a guild's connection under one lease (one open/migrate check). */
  public async withGuild<T>(
    guildId: string,
    run: (connection: DatabaseConnection) => Promise<T>,
    track = true,
  ): Promise<T> {
    const connection = await this.acquireGuild(guildId, track);
    try {
      return await run(connection);
    } finally {
      this.release(connection);
    }
  }

  /**
   * Runs `work` on a guild with its database closed: waits for leases in flight, holds new
   * ones back until `work` ends, and hands `work` the still-open handle (if one was open).
   */
  public async exclusive(
    guildId: string,
    work: (handle: DatabaseHandle<GuildTables> | undefined) => Promise<void>,
  ): Promise<void> {
    for (let b = this.#barriers.get(guildId); b !== undefined; b = this.#barriers.get(guildId)) {
      await b;
    }
    let done!: () => void;
    // Whatever replaces or deletes the file is checked again on its next open.
    this.#checked.delete(guildId);
    this.#barriers.set(
      guildId,
      new Promise<void>((resolve) => {
        done = resolve;
      }),
    );
    try {
      const handle = await this.pool.detach(guildId);
      try {
        await work(handle);
      } finally {
        if (handle) this.pool.finish(handle);
      }
    } finally {
      this.#barriers.delete(guildId);
      done();
    }
  }
}
