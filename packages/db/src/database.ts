import { type DatabaseConnection, type Kysely, type Migration, sql } from 'kysely';
import type { Backend } from './backend/backend.js';
import { SqliteBackend } from './backend/sqlite-backend.js';
import { BackupWriter } from './backups.js';
import { BUILTIN_OWNER, guildMigrations, mainMigrations } from './builtin-migrations.js';
import { CommandUsageBatcher, type PendingUsage } from './command-usage.js';
import { createKysely, directSource } from './driver.js';
import { DbError } from './errors.js';
import { GuildPool } from './guild-pool.js';
import { DatabaseHandle } from './handle.js';
import { applyMigrations, MigrationRegistry, type MigrationScope } from './migrations.js';
import { type DatabaseOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { type GuildSettingValues, resolveDefaults } from './setting-schema.js';
import { type GuildSettings, GuildSettingsView, SettingsCache } from './settings.js';
import { GuildSettingsStorage } from './settings-storage.js';
import { assertGuildId } from './snowflake.js';
import type { GuildTables, MainTables } from './tables.js';
import type { CommandStat, DbStats, RemoveGuildOptions, ZoryxDatabase } from './zoryx-database.js';

type State = 'open' | 'closing' | 'draining' | 'closed';
type AnyHandle = DatabaseHandle<MainTables> | DatabaseHandle<GuildTables>;

/** Rows per upsert statement: far below every dialect's bound-parameter limit. */
const USAGE_CHUNK = 300;

function closedError(what: string): DbError {
  return new DbError(
    'ZRX_DB_CLOSED',
    `The database was closed; cannot ${what}.`,
    'Create a new database with createDatabase() or stop using this one after close().',
  );
}

class Database implements ZoryxDatabase {
  public readonly main: Kysely<MainTables>;
  readonly #options: ResolvedOptions;
  readonly #backend: Backend;
  readonly #registry = new MigrationRegistry();
  readonly #pool: GuildPool<GuildTables>;
  readonly #mainHandle: DatabaseHandle<MainTables>;
  readonly #handles = new WeakMap<DatabaseConnection, AnyHandle>();
  readonly #barriers = new Map<string, Promise<void>>();
  readonly #touched = new Set<string>();
  readonly #settingsCache: SettingsCache;
  readonly #settingsStorage: GuildSettingsStorage;
  readonly #defaults: Readonly<GuildSettingValues>;
  readonly #usage: CommandUsageBatcher;
  readonly #backups: BackupWriter;
  readonly #idleTimer: NodeJS.Timeout | undefined;
  #state: State = 'open';
  #closing: Promise<void> | undefined;
  #migrationsApplied = 0;

  readonly #release = (connection: DatabaseConnection): void => {
    const handle = this.#handles.get(connection);
    if (handle === undefined) return;
    handle.mutex.unlock();
    if (handle === this.#mainHandle) {
      handle.refs -= 1;
      handle.lastUsed = this.#options.now();
    } else this.#pool.checkin(handle as DatabaseHandle<GuildTables>);
  };

  public constructor(options: DatabaseOptions) {
    this.#options = resolveOptions(options);
    const o = this.#options;
    this.#defaults = Object.freeze(resolveDefaults(options.settings?.defaults));
    this.#backend = new SqliteBackend({
      dir: o.dir,
      busyTimeoutMs: o.busyTimeoutMs,
      ...(o.backupDir === undefined ? {} : { backupDir: o.backupDir }),
    });
    this.#registry.register(BUILTIN_OWNER, 'main', mainMigrations);
    this.#registry.register(BUILTIN_OWNER, 'guild', guildMigrations);
    this.#pool = new GuildPool({
      maxOpen: o.maxOpenGuilds,
      idleCloseMs: o.idleCloseMs,
      now: o.now,
      open: (guildId) => this.#openGuild(guildId),
    });
    const mainConnection = this.#backend.open(this.#backend.mainLocation());
    this.main = createKysely<MainTables>(this.#backend, {
      acquire: () => this.#acquireMain(),
      release: this.#release,
    });
    this.#mainHandle = new DatabaseHandle('main', mainConnection, this.main, o.now());
    this.#handles.set(mainConnection, this.#mainHandle);
    this.#settingsCache = new SettingsCache(o.settingsCacheSize);
    this.#settingsStorage = new GuildSettingsStorage(this.#backend, o.now, (guildId, run) =>
      this.#withGuild(guildId, run),
    );
    this.#backups = new BackupWriter(this.#backend, o.backupKeep, o.now);
    this.#usage = new CommandUsageBatcher({
      batchSize: o.batchSize,
      flushIntervalMs: o.flushIntervalMs,
      now: o.now,
      write: (batch) => this.#writeUsage(batch),
      onError: o.onError,
    });
    if (o.idleCloseMs > 0) {
      this.#idleTimer = setInterval(
        () => this.#pool.closeIdle(),
        Math.max(1_000, Math.min(o.idleCloseMs, 60_000)),
      );
      this.#idleTimer.unref();
    }
  }

  #assertOpen(what: string): void {
    if (this.#state !== 'open') throw closedError(what);
  }

  #openGuild(guildId: string): DatabaseHandle<GuildTables> {
    const connection = this.#backend.open(this.#backend.guildLocation(guildId));
    const kysely = createKysely<GuildTables>(this.#backend, {
      acquire: () => this.#acquireGuild(guildId),
      release: this.#release,
    });
    const handle = new DatabaseHandle(guildId, connection, kysely, this.#options.now());
    this.#handles.set(connection, handle);
    return handle;
  }

  async #migrate(handle: AnyHandle, scope: MigrationScope): Promise<void> {
    const generation = this.#registry.generation(scope);
    const direct = createKysely<unknown>(this.#backend, directSource(handle.connection));
    const run = await applyMigrations(
      direct,
      this.#registry.owners(scope),
      handle.connection.location,
      this.#options.now,
    );
    this.#migrationsApplied += run.ran;
    this.#registry.recordRun(scope, run);
    // Failed owners are retried when the database is reopened or migrations change, not on
    // every query; guild failures have no caller waiting for them, so they are reported.
    handle.generation = generation;
    if (scope === 'guild') for (const { error } of run.failures) this.#options.onError(error);
  }

  async #acquireMain(): Promise<DatabaseConnection> {
    const handle = this.#mainHandle;
    if (handle.closed) throw closedError('query the main database');
    handle.refs += 1;
    const wait = handle.mutex.lock();
    if (wait) await wait;
    try {
      if (handle.closed) throw closedError('query the main database');
      if (handle.generation !== this.#registry.generation('main'))
        await this.#migrate(handle, 'main');
    } catch (error) {
      this.#release(handle.connection);
      throw error;
    }
    return handle.connection;
  }

  async #acquireGuild(guildId: string): Promise<DatabaseConnection> {
    for (;;) {
      if (this.#state === 'draining' || this.#state === 'closed') {
        throw closedError(`use guild ${guildId}`);
      }
      const barrier = this.#barriers.get(guildId);
      if (barrier !== undefined) {
        await barrier;
        continue;
      }
      const handle = this.#pool.checkout(guildId);
      const wait = handle.mutex.lock();
      if (wait) await wait;
      if (handle.closed) {
        this.#release(handle.connection);
        continue;
      }
      if (handle.generation !== this.#registry.generation('guild')) {
        try {
          await this.#migrate(handle, 'guild');
        } catch (error) {
          this.#release(handle.connection);
          throw error;
        }
      }
      this.#touched.add(guildId);
      return handle.connection;
    }
  }

  /** Runs `run` on a guild's connection under one lease (one open/migrate check). */
  async #withGuild<T>(guildId: string, run: (c: DatabaseConnection) => Promise<T>): Promise<T> {
    const connection = await this.#acquireGuild(guildId);
    try {
      return await run(connection);
    } finally {
      this.#release(connection);
    }
  }

  public async guild(guildId: string): Promise<Kysely<GuildTables>> {
    this.#assertOpen('open a guild database');
    assertGuildId(guildId);
    const connection = await this.#acquireGuild(guildId);
    const handle = this.#handles.get(connection) as DatabaseHandle<GuildTables>;
    this.#release(connection);
    return handle.kysely;
  }

  public settings(guildId: string): GuildSettings {
    this.#assertOpen('read settings');
    assertGuildId(guildId);
    return new GuildSettingsView(
      guildId,
      this.#settingsCache,
      this.#settingsStorage,
      this.#defaults,
    );
  }

  public async registerMigrations(
    owner: string,
    scope: MigrationScope,
    migrations: Record<string, Migration>,
  ): Promise<void> {
    this.#assertOpen('register migrations');
    this.#registry.register(owner, scope, migrations);
    if (scope === 'main') {
      this.#release(await this.#acquireMain());
      const failure = this.#registry.failure('main', owner);
      if (failure !== undefined) throw failure;
    }
  }

  public recordCommandUsage(name: string): void {
    this.#assertOpen('record command usage');
    this.#usage.record(name);
  }

  async #writeUsage(batch: PendingUsage[]): Promise<void> {
    await this.main.transaction().execute(async (trx) => {
      for (let i = 0; i < batch.length; i += USAGE_CHUNK) {
        const rows = batch
          .slice(i, i + USAGE_CHUNK)
          .map((u) => ({ name: u.name, count: u.count, last_used: u.lastUsed }));
        await trx
          .insertInto('command_stats')
          .values(rows)
          .onConflict((oc) =>
            oc.column('name').doUpdateSet({
              count: sql<number>`command_stats.count + excluded.count`,
              last_used: sql<number>`case when excluded.last_used > command_stats.last_used then excluded.last_used else command_stats.last_used end`,
            }),
          )
          .execute();
      }
    });
  }

  public async commandStats(): Promise<CommandStat[]> {
    this.#assertOpen('read command stats');
    await this.#usage.flush();
    const rows = await this.main
      .selectFrom('command_stats')
      .select(['name', 'count', 'last_used'])
      .orderBy('count', 'desc')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ name: r.name, count: r.count, lastUsed: new Date(r.last_used) }));
  }

  async #backupMain(): Promise<string> {
    const connection = await this.#acquireMain();
    try {
      return await this.#backups.write('main', this.#mainHandle.connection);
    } finally {
      this.#release(connection);
    }
  }

  async #backupGuild(guildId: string): Promise<string> {
    if (
      this.#pool.peek(guildId) === undefined &&
      !this.#backend.exists(this.#backend.guildLocation(guildId))
    ) {
      throw new DbError(
        'ZRX_DB_INPUT',
        `Guild ${guildId} has no database to back up.`,
        'Back up only guilds the bot has stored data for (call db.guild(id) first to create one).',
      );
    }
    return this.#withGuild(guildId, (connection) =>
      this.#backups.write(guildId, this.#handles.get(connection)!.connection),
    );
  }

  async #backupAll(): Promise<string[]> {
    const paths = [await this.#backupMain()];
    const guilds = [...this.#touched];
    this.#touched.clear();
    for (const guildId of guilds) {
      try {
        paths.push(await this.#backupGuild(guildId));
      } catch (error) {
        this.#touched.add(guildId);
        this.#options.onError(error);
      }
    }
    return paths;
  }

  public async backup(guildId?: string): Promise<string[]> {
    this.#assertOpen('back up');
    if (guildId === undefined) return this.#backupAll();
    assertGuildId(guildId);
    return [await this.#backupGuild(guildId)];
  }

  public listBackups(guildId?: string): string[] {
    if (guildId !== undefined) assertGuildId(guildId);
    return this.#backups.list(guildId ?? 'main');
  }

  /** Runs `work` with no lease of `guildId` active and new ones held back until it ends. */
  async #exclusive(guildId: string, work: () => Promise<void>): Promise<void> {
    for (let b = this.#barriers.get(guildId); b !== undefined; b = this.#barriers.get(guildId)) {
      await b;
    }
    let done!: () => void;
    this.#barriers.set(guildId, new Promise<void>((resolve) => (done = resolve)));
    try {
      await work();
    } finally {
      this.#settingsCache.invalidate(guildId);
      this.#barriers.delete(guildId);
      done();
    }
  }

  public async restoreGuild(guildId: string, backupFile: string): Promise<void> {
    this.#assertOpen('restore a guild');
    assertGuildId(guildId);
    this.#backend.verifyCopy(backupFile);
    await this.#exclusive(guildId, async () => {
      const handle = await this.#pool.detach(guildId);
      if (handle) this.#pool.finish(handle);
      this.#backend.restore(this.#backend.guildLocation(guildId), backupFile);
    });
  }

  public async removeGuild(guildId: string, options: RemoveGuildOptions = {}): Promise<void> {
    this.#assertOpen('remove a guild');
    assertGuildId(guildId);
    const location = this.#backend.guildLocation(guildId);
    await this.#exclusive(guildId, async () => {
      const handle = await this.#pool.detach(guildId);
      try {
        if (options.backupFirst === true) {
          if (handle) await this.#backups.write(guildId, handle.connection);
          else if (this.#backend.exists(location)) {
            const connection = this.#backend.open(location);
            try {
              await this.#backups.write(guildId, connection);
            } finally {
              connection.close();
            }
          }
        }
      } finally {
        if (handle) this.#pool.finish(handle);
      }
      this.#backend.remove(location);
      this.#touched.delete(guildId);
    });
  }

  public closeIdle(): number {
    return this.#state === 'open' ? this.#pool.closeIdle() : 0;
  }

  public stats(): DbStats {
    const { hits, misses, evictions, idleCloses } = this.#pool.counters;
    return {
      openGuilds: this.#pool.size,
      maxOpenGuilds: this.#options.maxOpenGuilds,
      inFlight: this.#pool.inFlight(),
      hits,
      misses,
      evictions,
      idleCloses,
      migrationsApplied: this.#migrationsApplied,
      pendingUsageRecords: this.#usage.pending,
      backupsWritten: this.#backups.written,
      settingsCache: {
        size: this.#settingsCache.size,
        hits: this.#settingsCache.hits,
        misses: this.#settingsCache.misses,
      },
    };
  }

  public close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    this.#state = 'closing';
    if (this.#idleTimer !== undefined) clearInterval(this.#idleTimer);
    this.#usage.stop();
    const errors: unknown[] = [];
    await this.#usage.flush().catch((error: unknown) => errors.push(error));
    if (this.#options.backupOnClose) {
      await this.#backupAll().catch((error: unknown) => errors.push(error));
    }
    this.#state = 'draining';
    for (const open of this.#pool.handles()) {
      const handle = await this.#pool.detach(open.key);
      if (handle === undefined) continue;
      try {
        handle.connection.checkpoint();
      } catch (error) {
        errors.push(error);
      }
      this.#pool.finish(handle);
    }
    const main = this.#mainHandle;
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
 * Opens the data layer under `options.dir`: the main database now (throws `ZRX_DB_CORRUPT` if it
 * is damaged), guild databases lazily.
 *
 * @example
 * ```ts
 * const db = createDatabase({ dir: './data', maxOpenGuilds: 64 });
 * await db.settings(guild.id).set('prefix', '?');
 * db.recordCommandUsage('ping');
 * await db.close();
 * ```
 */
export function createDatabase(options: DatabaseOptions): ZoryxDatabase {
  return new Database(options);
}
