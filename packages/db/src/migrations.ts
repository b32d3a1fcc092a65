import { type Kysely, type Migration, sql } from 'kysely';
import { DbError } from './errors.js';

/** Which databases a set of migrations applies to: the main one or every guild one. */
export type MigrationScope = 'main' | 'guild';

/** Owner names: what extension names may be, so records stay readable. */
const OWNER = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** One owner's migrations of one scope, names in the order they run. */
export interface OwnerMigrations {
  owner: string;
  names: string[];
  migrations: Record<string, Migration>;
}

/**
 * The migrations every owner registered, per scope, in registration order. Each change bumps the
 * scope's generation, which is how open databases learn that they need to migrate again.
 */
export class MigrationRegistry {
  readonly #owners: Record<MigrationScope, Map<string, OwnerMigrations>> = {
    main: new Map(),
    guild: new Map(),
  };
  readonly #generation: Record<MigrationScope, number> = { main: 0, guild: 0 };
  readonly #failures: Record<MigrationScope, Map<string, DbError>> = {
    main: new Map(),
    guild: new Map(),
  };

  /** Adds or replaces `owner`'s migrations of `scope`; throws `ZRX_DB_INPUT` on bad input. */
  public register(owner: string, scope: MigrationScope, migrations: Record<string, Migration>) {
    if (typeof owner !== 'string' || !OWNER.test(owner)) {
      throw new DbError(
        'ZRX_DB_INPUT',
        `Migration owner ${JSON.stringify(owner)} is not a valid owner name.`,
        'Use the extension name: lowercase letters, digits, "-" or "_", at most 64 characters.',
      );
    }
    if (scope !== 'main' && scope !== 'guild') {
      throw new DbError(
        'ZRX_DB_INPUT',
        `Migration scope ${JSON.stringify(scope)} of owner "${owner}" is neither "main" nor "guild".`,
        'Pass "main" for the shared database or "guild" for every guild database.',
      );
    }
    for (const [name, migration] of Object.entries(migrations ?? {})) {
      if (name.length === 0 || typeof migration?.up !== 'function') {
        throw new DbError(
          'ZRX_DB_INPUT',
          `Migration "${name}" of owner "${owner}" has no up() function.`,
          'Each entry must be a kysely Migration: { up(db) { … }, down?(db) { … } }.',
        );
      }
    }
    // Code-unit order, like kysely's Migrator: "0002_x" runs after "0001_y" on every machine.
    const names = Object.keys(migrations).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.#owners[scope].set(owner, { owner, names, migrations: { ...migrations } });
    this.#failures[scope].delete(owner);
    this.#generation[scope] += 1;
  }

  /** Remembers the outcome of a run so the registering owner can be told about its failure. */
  public recordRun(scope: MigrationScope, run: MigrationRun): void {
    for (const { owner, error } of run.failures) this.#failures[scope].set(owner, error);
  }

  /** The last failure of `owner`'s migrations in `scope` since it (re-)registered, if any. */
  public failure(scope: MigrationScope, owner: string): DbError | undefined {
    return this.#failures[scope].get(owner);
  }

  /** The scope's generation: changes whenever its migrations change. */
  public generation(scope: MigrationScope): number {
    return this.#generation[scope];
  }

  /** The scope's owners in registration order. */
  public owners(scope: MigrationScope): OwnerMigrations[] {
    return [...this.#owners[scope].values()];
  }
}

const TABLE = 'zoryx_migrations';

/** What one {@link applyMigrations} run did. */
export interface MigrationRun {
  ran: number;
  /** One `ZRX_DB_MIGRATION`/`ZRX_DB_MIGRATION_ORDER` error per owner that stopped. */
  failures: { owner: string; error: DbError }[];
}

/**
 * Brings one database up to date with `owners`, which must hold it exclusively: owner by owner
 * (never interleaving two owners), each migration in its own IMMEDIATE transaction together with
 * its record in `zoryx_migrations (owner, name)`. A migration that throws rolls back alone; its
 * owner's later migrations are skipped, other owners still run (one broken extension must not
 * take the database down for the rest), and the failure is returned naming owner, migration and
 * database.
 */
export async function applyMigrations(
  db: Kysely<unknown>,
  owners: readonly OwnerMigrations[],
  location: string,
  now: () => number,
): Promise<MigrationRun> {
  // Built, not raw, queries: the same text runs on SQLite and PostgreSQL (placeholders, and
  // `integer` becoming PostgreSQL's 64-bit `bigint` through its portable compiler).
  await db.schema
    .createTable(TABLE)
    .ifNotExists()
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${TABLE}_pk`, ['owner', 'name'])
    .execute();
  const applied = new Map<string, Set<string>>();
  const rows = await sql<{
    owner: string;
    name: string;
  }>`select owner, name from ${sql.table(TABLE)}`.execute(db);
  for (const { owner, name } of rows.rows) {
    const names = applied.get(owner) ?? new Set<string>();
    names.add(name);
    applied.set(owner, names);
  }

  const run: MigrationRun = { ran: 0, failures: [] };
  for (const { owner, names, migrations } of owners) {
    const done = applied.get(owner) ?? new Set<string>();
    const pending = names.filter((name) => !done.has(name));
    if (pending.length === 0) continue;
    const last = [...done].sort().at(-1);
    const early = last === undefined ? undefined : pending.find((name) => name < last);
    if (early !== undefined) {
      const error = new DbError(
        'ZRX_DB_MIGRATION_ORDER',
        `Migration "${early}" of owner "${owner}" sorts before the already applied "${last}" in ${location}.`,
        'Never insert migrations before applied ones: give the new migration a name that sorts last.',
      );
      run.failures.push({ owner, error });
      continue;
    }
    for (const name of pending) {
      const migration = migrations[name]!;
      try {
        await db.transaction().execute(async (trx) => {
          // Another process may have applied it since the read above: skip, don't run twice.
          const again =
            await sql`select 1 from ${sql.table(TABLE)} where owner = ${owner} and name = ${name}`.execute(
              trx,
            );
          if (again.rows.length > 0) return;
          await migration.up(trx);
          await sql`insert into ${sql.table(TABLE)} (owner, name, applied_at) values (${owner}, ${name}, ${now()})`.execute(
            trx,
          );
          run.ran += 1;
        });
      } catch (cause) {
        const error = new DbError(
          'ZRX_DB_MIGRATION',
          `Migration "${name}" of owner "${owner}" failed in ${location} and was rolled back: ${
            cause instanceof Error ? cause.message : String(cause)
          }`,
          `Fix migration "${name}" of "${owner}" (it will be retried on next use); later migrations of "${owner}" did not run.`,
          { cause },
        );
        run.failures.push({ owner, error });
        break;
      }
    }
  }
  return run;
}
