import { resolve } from 'node:path';
import { Kysely, type Migration } from 'kysely';
import type pg from 'pg';
import { BUILTIN_OWNER, mainMigrations } from '../builtin-migrations.js';
import * as common from '../database-common.js';
import { DbError } from '../errors.js';
import { closedError } from '../leases.js';
import { applyMigrations, MigrationRegistry, type MigrationScope } from '../migrations.js';
import { count, type PostgresDatabaseOptions, warn } from '../options.js';
import type { CorruptGuildListener } from '../recovery.js';
import { assertGuildId } from '../snowflake.js';
import type { GuildTables, MainTables } from '../tables.js';
import type {
  DbStats,
  GuildResetListener,
  RemoveGuildOptions,
  ZoryxDatabase,
} from '../zoryx-database.js';
import { LogicalBackupFiles } from './backup-files.js';
import { portableDialect, quoteIdent, schemaPool, singleClientPool, useSchema } from './dialect.js';
import { exportSchema, importSchema } from './logical-backup.js';

/** int8 (bigint) columns come back as numbers, like SQLite's integers (values stay < 2^53). */
const INT8_OID = 20;

/** One schema this process knows and the migration generation it reached. */
interface SchemaState {
  readonly schema: string;
  generation: number;
  migrating: Promise<void> | undefined;
}

/** A {@link SchemaState} with its query builder. */
interface SchemaEntry<DB> extends SchemaState {
  readonly kysely: Kysely<DB>;
}

/**
 * The data layer on PostgreSQL: one shared `pg.Pool`, a schema per guild and one for the main
 * tables; every query runs with its schema as `search_path`. Migrations of a schema run under a
 * PostgreSQL advisory lock keyed by the schema name, so any number of processes can open the same
 * guild at once and each migration still runs exactly once. Backups are logical JSON exports.
 */
export class PostgresDatabase implements ZoryxDatabase {
  public readonly main: Kysely<MainTables>;
  /** The shared pool; `pg` loads on first use, so SQLite-only bots never pay for importing it. */
  readonly #pool: Promise<pg.Pool>;
  #poolNow: pg.Pool | undefined;
  readonly #prefix: string;
  readonly #maxGuilds: number;
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;
  readonly #backupOnClose: boolean;
  readonly #registry = new MigrationRegistry();
  readonly #files: LogicalBackupFiles;
  readonly #backupSteps: common.BackupSteps;
  readonly #mainEntry: SchemaEntry<MainTables>;
  readonly #guilds = new Map<string, SchemaEntry<GuildTables>>();
  readonly #touched = new Set<string>();
  readonly #resetListeners = new Set<GuildResetListener>();
  readonly #counters = { hits: 0, misses: 0, evictions: 0, migrationsApplied: 0 };
  #closed = false;
  #closing: Promise<void> | undefined;

  public constructor(options: PostgresDatabaseOptions) {
    if (typeof options.connectionString !== 'string' || options.connectionString.length === 0) {
      throw new DbError(
        'ZRX_DB_INPUT',
        'Option connectionString is missing or empty.',
        'Pass a URL, e.g. createDatabase({ dialect: "postgres", connectionString: process.env.ZORYX_DATABASE_URL }).',
      );
    }
    this.#prefix = options.schemaPrefix ?? 'zoryx_';
    if (!/^[a-z][a-z0-9_]{0,20}$/.test(this.#prefix)) {
      throw new DbError(
        'ZRX_DB_INPUT',
        `Option schemaPrefix ${JSON.stringify(this.#prefix)} is not a valid prefix.`,
        'Use lowercase letters, digits and "_", starting with a letter, at most 21 characters.',
      );
    }
    this.#maxGuilds = count('maxOpenGuilds', options.maxOpenGuilds, 1_024, 1);
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? warn;
    this.#backupOnClose = options.backups?.onClose ?? false;
    const backupDir =
      options.backups?.dir ??
      (options.dir === undefined ? undefined : resolve(options.dir, 'backups'));
    this.#files = new LogicalBackupFiles(
      backupDir,
      count('backups.keep', options.backups?.keep, 5, 1),
    );
    this.#pool = this.#createPool(
      options.connectionString,
      count('poolSize', options.poolSize, 10, 1),
    );
    // Nothing awaits the pool until the first query; a failed import is reported then.
    this.#pool.catch(() => undefined);
    this.#registry.register(BUILTIN_OWNER, 'main', mainMigrations);
    this.#mainEntry = this.#entry<MainTables>(`${this.#prefix}main`, 'main');
    this.main = this.#mainEntry.kysely;
    this.#backupSteps = {
      backupMain: () => this.#backupMain(),
      backupGuild: (guildId) => this.#backupGuild(guildId),
      list: (key) => this.#files.list(key),
      touched: this.#touched,
      onError: this.#onError,
    };
  }

  async #createPool(connectionString: string, max: number): Promise<pg.Pool> {
    const { default: driver } = await import('pg');
    const pool = new driver.Pool({
      connectionString,
      max,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID && format !== 'binary'
            ? Number
            : driver.types.getTypeParser(oid, format)) as typeof driver.types.getTypeParser,
      },
    });
    // An idle client losing its server emits here; unhandled, it would crash the process.
    pool.on('error', (error) => this.#onError(error));
    this.#poolNow = pool;
    return pool;
  }

  #entry<DB>(schema: string, scope: MigrationScope): SchemaEntry<DB> {
    const state: SchemaState = { schema, generation: -1, migrating: undefined };
    const kysely = new Kysely<DB>({
      dialect: portableDialect(
        schemaPool(
          () => this.#connect(),
          schema,
          () => this.#ensure(state, scope),
        ),
      ),
    });
    return Object.assign(state, { kysely });
  }

  /** Nothing when the schema is migrated to the current generation, else the migration run. */
  #ensure(entry: SchemaState, scope: MigrationScope): Promise<void> | undefined {
    if (this.#closed) return Promise.reject(closedError(`query schema ${entry.schema}`));
    if (entry.generation === this.#registry.generation(scope)) return undefined;
    entry.migrating ??= this.#migrate(entry, scope).finally(() => {
      entry.migrating = undefined;
    });
    return entry.migrating;
  }

  async #migrate(entry: SchemaState, scope: MigrationScope): Promise<void> {
    const generation = this.#registry.generation(scope);
    const client = await this.#connect();
    try {
      await client.query('select pg_advisory_lock(hashtext($1))', [entry.schema]);
      try {
        await client.query(`create schema if not exists ${quoteIdent(entry.schema)}`);
        await useSchema(client, entry.schema);
        const direct = new Kysely<unknown>({ dialect: portableDialect(singleClientPool(client)) });
        const run = await applyMigrations(
          direct,
          this.#registry.owners(scope),
          `schema ${entry.schema}`,
          this.#now,
        );
        this.#counters.migrationsApplied += run.ran;
        this.#registry.recordRun(scope, run);
        entry.generation = generation;
        if (scope === 'guild') for (const { error } of run.failures) this.#onError(error);
      } finally {
        await client.query('select pg_advisory_unlock(hashtext($1))', [entry.schema]);
      }
    } finally {
      client.release();
    }
  }

  async #connect(): Promise<pg.PoolClient> {
    try {
      return await (await this.#pool).connect();
    } catch (cause) {
      throw new DbError(
        'ZRX_DB_OPEN',
        `Cannot connect to PostgreSQL (${cause instanceof Error ? cause.message : String(cause)}).`,
        'Check the connection string (host, port, user, password, database) and that the server accepts connections.',
        { cause },
      );
    }
  }

  #assertOpen(what: string): void {
    if (this.#closed || this.#closing !== undefined) throw closedError(what);
  }

  #schemaOf(guildId: string): string {
    return `${this.#prefix}g_${guildId}`;
  }

  public async guild(guildId: string): Promise<Kysely<GuildTables>> {
    this.#assertOpen('open a guild database');
    assertGuildId(guildId);
    let entry = this.#guilds.get(guildId);
    if (entry === undefined) {
      this.#counters.misses += 1;
      entry = this.#entry<GuildTables>(this.#schemaOf(guildId), 'guild');
      this.#guilds.set(guildId, entry);
      if (this.#guilds.size > this.#maxGuilds) {
        // Oldest-inserted goes: a dropped entry only costs one migration check on its next use.
        const oldest = this.#guilds.keys().next().value;
        if (oldest !== undefined) this.#guilds.delete(oldest);
        this.#counters.evictions += 1;
      }
    } else {
      this.#counters.hits += 1;
    }
    this.#touched.add(guildId);
    const pending = this.#ensure(entry, 'guild');
    if (pending !== undefined) await pending;
    return entry.kysely;
  }

  public async registerMigrations(
    owner: string,
    scope: MigrationScope,
    migrations: Record<string, Migration>,
  ): Promise<void> {
    this.#assertOpen('register migrations');
    await common.registerAndMigrate(this.#registry, owner, scope, migrations, async () => {
      const pending = this.#ensure(this.#mainEntry, 'main');
      if (pending !== undefined) await pending;
    });
  }

  async #schemaExists(schema: string): Promise<boolean> {
    const result = await (await this.#pool).query('select 1 from pg_namespace where nspname = $1', [
      schema,
    ]);
    return result.rows.length > 0;
  }

  async #export(key: string, schema: string): Promise<string> {
    const client = await this.#connect();
    try {
      return this.#files.write(key, await exportSchema(client, schema, this.#now()));
    } finally {
      client.release();
    }
  }

  async #backupGuild(guildId: string): Promise<string> {
    const schema = this.#schemaOf(guildId);
    if (!(await this.#schemaExists(schema))) throw common.noGuildToBackUp(guildId);
    return this.#export(guildId, schema);
  }

  async #backupMain(): Promise<string> {
    const pending = this.#ensure(this.#mainEntry, 'main');
    if (pending !== undefined) await pending;
    return this.#export('main', this.#mainEntry.schema);
  }

  public async backup(guildId?: string): Promise<string[]> {
    this.#assertOpen('back up');
    return common.backup(this.#backupSteps, guildId);
  }

  public listBackups(guildId?: string): string[] {
    return common.listBackups(this.#backupSteps, guildId);
  }

  /** Runs `work` in one transaction on a client of its own. */
  async #transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.#connect();
    try {
      await client.query('begin');
      await work(client);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  public async restoreGuild(guildId: string, backupFile: string): Promise<void> {
    this.#assertOpen('restore a guild');
    assertGuildId(guildId);
    const backup = LogicalBackupFiles.read(backupFile);
    const schema = this.#schemaOf(guildId);
    try {
      await this.#transaction(async (client) => {
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [schema]);
        await importSchema(client, schema, backup);
      });
    } finally {
      this.#forget(guildId);
      this.#guildReset(guildId, 'restore');
    }
  }

  public async removeGuild(guildId: string, options: RemoveGuildOptions = {}): Promise<void> {
    this.#assertOpen('remove a guild');
    assertGuildId(guildId);
    const schema = this.#schemaOf(guildId);
    try {
      if (options.backupFirst === true && (await this.#schemaExists(schema))) {
        await this.#export(guildId, schema);
      }
      await this.#transaction(async (client) => {
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [schema]);
        await client.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
      });
      this.#touched.delete(guildId);
    } finally {
      this.#forget(guildId);
      this.#guildReset(guildId, 'remove');
    }
  }

  /** The next use of the guild creates and migrates its schema again. */
  #forget(guildId: string): void {
    const entry = this.#guilds.get(guildId);
    if (entry !== undefined) entry.generation = -1;
  }

  public onGuildReset(listener: GuildResetListener): () => void {
    common.assertListener('onGuildReset', listener);
    return common.subscribe(this.#resetListeners, listener);
  }

  /** PostgreSQL checks its own pages: no file can be found damaged on open, so none is reported. */
  public onCorrupt(listener: CorruptGuildListener): () => void {
    common.assertListener('onCorrupt', listener);
    return () => undefined;
  }

  #guildReset(guildId: string, reason: Parameters<GuildResetListener>[1]): void {
    common.notifyReset(this.#resetListeners, guildId, reason, this.#onError);
  }

  /** The pool closes its idle connections itself; there are no files to close. */
  public closeIdle(): number {
    return 0;
  }

  public stats(): DbStats {
    return {
      openGuilds: this.#guilds.size,
      maxOpenGuilds: this.#maxGuilds,
      inFlight:
        this.#poolNow === undefined ? 0 : this.#poolNow.totalCount - this.#poolNow.idleCount,
      hits: this.#counters.hits,
      misses: this.#counters.misses,
      evictions: this.#counters.evictions,
      idleCloses: 0,
      migrationsApplied: this.#counters.migrationsApplied,
      backupsWritten: this.#files.written,
      corruptRecovered: 0,
    };
  }

  public close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    let failure: unknown;
    if (this.#backupOnClose)
      await common.backupAll(this.#backupSteps).catch((error: unknown) => (failure = error));
    this.#closed = true;
    const pool = await this.#pool.catch(() => undefined);
    await pool?.end();
    if (failure !== undefined) throw failure;
  }
}
