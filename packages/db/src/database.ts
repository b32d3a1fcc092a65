import type { Kysely, Migration } from 'kysely';
import type { Backend } from './backend/backend.js';
import { SqliteBackend } from './backend/sqlite-backend.js';
import { BackupWriter } from './backups.js';
import { BUILTIN_OWNER, mainMigrations } from './builtin-migrations.js';
import * as common from './database-common.js';
import { closedError, Leases } from './leases.js';
import { MigrationRegistry, type MigrationScope } from './migrations.js';
import {
  type DatabaseOptions,
  type ResolvedOptions,
  resolveOptions,
  type SqliteDatabaseOptions,
} from './options.js';
import { PostgresDatabase } from './postgres/postgres-database.js';
import { type CorruptGuildListener, type CorruptGuildReport, GuildRecovery } from './recovery.js';
import { assertGuildId } from './snowflake.js';
import type { GuildTables, MainTables } from './tables.js';
import type {
  DbStats,
  GuildResetListener,
  RemoveGuildOptions,
  ZoryxDatabase,
} from './zoryx-database.js';

type State = 'open' | 'closing' | 'draining' | 'closed';

class Database implements ZoryxDatabase {
  public readonly main: Kysely<MainTables>;
  readonly #options: ResolvedOptions;
  readonly #backend: Backend;
  readonly #registry = new MigrationRegistry();
  readonly #leases: Leases;
  readonly #backups: BackupWriter;
  readonly #backupSteps: common.BackupSteps;
  readonly #resetListeners = new Set<GuildResetListener>();
  readonly #corruptListeners = new Set<CorruptGuildListener>();
  #recoveries = 0;
  readonly #idleTimer: NodeJS.Timeout | undefined;
  #state: State = 'open';
  #closing: Promise<void> | undefined;

  public constructor(options: SqliteDatabaseOptions) {
    this.#options = resolveOptions(options);
    const o = this.#options;
    const backend = new SqliteBackend({
      dir: o.dir,
      busyTimeoutMs: o.busyTimeoutMs,
      ...(o.backupDir === undefined ? {} : { backupDir: o.backupDir }),
    });
    this.#backend = backend;
    this.#registry.register(BUILTIN_OWNER, 'main', mainMigrations);
    this.#backups = new BackupWriter(this.#backend, o.backupKeep, o.now);
    const recovery = new GuildRecovery(this.#backend, this.#backups, o.now, (report) =>
      this.#reportCorrupt(report),
    );
    this.#leases = new Leases({
      backend: this.#backend,
      registry: this.#registry,
      maxOpenGuilds: o.maxOpenGuilds,
      idleCloseMs: o.idleCloseMs,
      now: o.now,
      onError: o.onError,
      acceptsGuilds: () => this.#state === 'open' || this.#state === 'closing',
      recover: (guildId, location, finding) => recovery.recover(guildId, location, finding),
      // Opened now, synchronously: a damaged main.db throws from createDatabase, as documented.
      mainConnection: backend.openNow(backend.mainLocation()),
    });
    this.main = this.#leases.main;
    this.#backupSteps = {
      backupMain: () => this.#backupMain(),
      backupGuild: (guildId) => this.#backupGuild(guildId),
      list: (key) => this.#backups.list(key),
      touched: this.#leases.touched,
      onError: o.onError,
    };
    if (o.idleCloseMs > 0) {
      this.#idleTimer = setInterval(
        () => this.#leases.pool.closeIdle(),
        Math.max(1_000, Math.min(o.idleCloseMs, 60_000)),
      );
      this.#idleTimer.unref();
    }
  }

  #assertOpen(what: string): void {
    if (this.#state !== 'open') throw closedError(what);
  }

  public async guild(guildId: string): Promise<Kysely<GuildTables>> {
    this.#assertOpen('open a guild database');
    assertGuildId(guildId);
    const ready = this.#leases.ready(guildId);
    if (ready !== undefined) return ready;
    const connection = await this.#leases.acquireGuild(guildId);
    const handle = this.#leases.handleOf(connection);
    this.#leases.release(connection);
    return handle.kysely as Kysely<GuildTables>;
  }

  public async registerMigrations(
    owner: string,
    scope: MigrationScope,
    migrations: Record<string, Migration>,
  ): Promise<void> {
    this.#assertOpen('register migrations');
    await common.registerAndMigrate(this.#registry, owner, scope, migrations, async () => {
      this.#leases.release(await this.#leases.acquireMain());
    });
  }

  async #backupMain(): Promise<string> {
    const connection = await this.#leases.acquireMain();
    try {
      return await this.#backups.write('main', this.#leases.mainHandle.connection);
    } finally {
      this.#leases.release(connection);
    }
  }

  async #backupGuild(guildId: string): Promise<string> {
    const location = this.#backend.guildLocation(guildId);
    if (this.#leases.pool.peek(guildId) === undefined && !this.#backend.exists(location)) {
      throw common.noGuildToBackUp(guildId);
    }
    return this.#leases.withGuild(
      guildId,
      (connection) => this.#backups.write(guildId, this.#leases.handleOf(connection).connection),
      false,
    );
  }

  public async backup(guildId?: string): Promise<string[]> {
    this.#assertOpen('back up');
    return common.backup(this.#backupSteps, guildId);
  }

  public listBackups(guildId?: string): string[] {
    return common.listBackups(this.#backupSteps, guildId);
  }

  public async restoreGuild(guildId: string, backupFile: string): Promise<void> {
    this.#assertOpen('restore a guild');
    assertGuildId(guildId);
    this.#backend.verifyCopy(backupFile);
    try {
      await this.#leases.exclusive(guildId, async (handle) => {
        handle?.close();
        this.#backend.restore(this.#backend.guildLocation(guildId), backupFile);
      });
    } finally {
      this.#guildReset(guildId, 'restore');
    }
  }

  public async removeGuild(guildId: string, options: RemoveGuildOptions = {}): Promise<void> {
    this.#assertOpen('remove a guild');
    assertGuildId(guildId);
    const location = this.#backend.guildLocation(guildId);
    try {
      await this.#leases.exclusive(guildId, async (handle) => {
        if (options.backupFirst === true) {
          if (handle) await this.#backups.write(guildId, handle.connection);
          else if (this.#backend.exists(location)) {
            const connection = await this.#backend.open(location);
            try {
              await this.#backups.write(guildId, connection);
            } finally {
              connection.close();
            }
          }
        }
        handle?.close();
        this.#backend.remove(location);
        this.#leases.touched.delete(guildId);
      });
    } finally {
      this.#guildReset(guildId, 'remove');
    }
  }

  public onGuildReset(listener: GuildResetListener): () => void {
    common.assertListener('onGuildReset', listener);
    return common.subscribe(this.#resetListeners, listener);
  }

  public onCorrupt(listener: CorruptGuildListener): () => void {
    common.assertListener('onCorrupt', listener);
    return common.subscribe(this.#corruptListeners, listener);
  }

  /**
   * Tells the listeners (or, with none, `onError`) about a recovered guild, and the reset
   * listeners that its data changed. Deferred: the recovery runs while the pool opens the guild,
   * and a listener touching that guild at once would re-enter the pool.
   */
  #reportCorrupt(report: CorruptGuildReport): void {
    this.#recoveries += 1;
    queueMicrotask(() => {
      if (this.#corruptListeners.size === 0) this.#options.onError(report.error);
      for (const listener of this.#corruptListeners) {
        try {
          const result = listener(report);
          if (result instanceof Promise) result.catch(this.#options.onError);
        } catch (error) {
          this.#options.onError(error);
        }
      }
      this.#guildReset(report.guildId, 'recover');
    });
  }

  #guildReset(guildId: string, reason: Parameters<GuildResetListener>[1]): void {
    common.notifyReset(this.#resetListeners, guildId, reason, this.#options.onError);
  }

  public closeIdle(): number {
    return this.#state === 'open' ? this.#leases.pool.closeIdle() : 0;
  }

  public stats(): DbStats {
    const { pool } = this.#leases;
    const { hits, misses, evictions, idleCloses } = pool.counters;
    return {
      openGuilds: pool.size,
      maxOpenGuilds: this.#options.maxOpenGuilds,
      inFlight: pool.inFlight(),
      hits,
      misses,
      evictions,
      idleCloses,
      migrationsApplied: this.#leases.migrationsApplied,
      backupsWritten: this.#backups.written,
      corruptRecovered: this.#recoveries,
    };
  }

  public close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    this.#state = 'closing';
    if (this.#idleTimer !== undefined) clearInterval(this.#idleTimer);
    const errors: unknown[] = [];
    if (this.#options.backupOnClose) {
      await common.backupAll(this.#backupSteps).catch((error: unknown) => errors.push(error));
    }
    this.#state = 'draining';
    const { pool } = this.#leases;
    // Opens that began before draining finish first, so no handle lands in the pool unclosed.
    await pool.settled();
    for (const open of pool.handles()) {
      const handle = await pool.detach(open.key);
      if (handle === undefined) continue;
      try {
        handle.connection.checkpoint();
      } catch (error) {
        errors.push(error);
      }
      pool.finish(handle);
    }
    const main = this.#leases.mainHandle;
    const wait = main.mutex.lock();
    if (wait) await wait;
    try {
      main.connection.checkpoint();
    } catch (error) {
      errors.push(error);
    }
    main.close();
    main.mutex.unlock();
    this.#state = 'closed';
    if (errors.length > 0) throw errors[0];
  }
}

/**
 * Opens the data layer. SQLite (the default): under `options.dir`, the main database now (throws
 * `ZRX_DB_CORRUPT` if it is damaged), guild databases lazily. PostgreSQL
 * (`dialect: 'postgres'`): connects lazily; the main schema is created and migrated on first use,
 * each guild's schema on its first `guild(id)`.
 *
 * @example
 * ```ts
 * const db = createDatabase({ dir: './data', maxOpenGuilds: 64 });
 * await db.registerMigrations('moderation', 'guild', { '0001_warnings': warningsTable });
 * const rows = await (await db.guild(guild.id)).selectFrom('warnings').selectAll().execute();
 * await db.close();
 * // Several processes, one PostgreSQL: a schema per guild.
 * const shared = createDatabase({ dialect: 'postgres', connectionString: process.env.ZORYX_DATABASE_URL! });
 * ```
 */
export function createDatabase(options: DatabaseOptions): ZoryxDatabase {
  if (options?.dialect === 'postgres') return new PostgresDatabase(options);
  return new Database(options);
}
