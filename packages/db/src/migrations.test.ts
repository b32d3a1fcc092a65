import { type Kysely, type Migration, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from './database.js';
import { DbError } from './errors.js';
import { guildId, tempDir } from './testing/temp-dir.js';
import type { ZoryxDatabase } from './zoryx-database.js';

async function tables<DB>(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' order by name`.execute(db);
  return rows.map((r) => r.name);
}

async function records<DB>(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ owner: string; name: string }>`
    select owner, name from zoryx_migrations order by rowid`.execute(db);
  return rows.map((r) => `${r.owner}/${r.name}`);
}

function createTable(name: string, log?: string[]): Migration {
  return {
    async up(db) {
      log?.push(name);
      await db.schema
        .createTable(name)
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .execute();
    },
  };
}

describe('migrations', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: ZoryxDatabase;

  beforeEach(() => {
    tmp = tempDir('migrations');
    db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
  });
  afterEach(async () => {
    await db.close();
    tmp.cleanup();
  });

  it('creates only its own tables: global_stats in main, nothing in guild databases', async () => {
    expect((await tables(db.main)).sort()).toEqual(['global_stats', 'zoryx_migrations']);
    expect(await tables(await db.guild(guildId(1)))).toEqual(['zoryx_migrations']);
  });

  it('runs two owners in order, one owner at a time, each migration once', async () => {
    const log: string[] = [];
    // Registered concurrently and out of name order on purpose.
    await Promise.all([
      db.registerMigrations('economy', 'main', {
        '0002_wallets': createTable('wallets', log),
        '0001_banks': createTable('banks', log),
      }),
      db.registerMigrations('levels', 'main', {
        '0001_xp': createTable('xp', log),
        '0002_ranks': createTable('ranks', log),
      }),
    ]);
    expect(log).toEqual(['banks', 'wallets', 'xp', 'ranks']);
    const applied = await records(db.main);
    expect(applied.filter((r) => !r.startsWith('zoryx/'))).toEqual([
      'economy/0001_banks',
      'economy/0002_wallets',
      'levels/0001_xp',
      'levels/0002_ranks',
    ]);
    // Re-registering the same set (a reload) runs nothing again.
    await db.registerMigrations('economy', 'main', {
      '0001_banks': createTable('banks', log),
      '0002_wallets': createTable('wallets', log),
    });
    expect(log).toHaveLength(4);
    // Owners are separate namespaces: the same migration name in two owners runs twice.
    expect(applied).toContain('economy/0001_banks');
  });

  it('rolls a failing migration back and names owner and migration', async () => {
    const failing: Record<string, Migration> = {
      '0001_ok': createTable('ok_table'),
      '0002_half': {
        async up(trx) {
          await trx.schema.createTable('half_done').addColumn('id', 'integer').execute();
          throw new Error('boom halfway');
        },
      },
      '0003_never': createTable('never_table'),
    };
    const error = await db.registerMigrations('broken', 'main', failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbError);
    expect(error).toMatchObject({ code: 'ZRX_DB_MIGRATION' });
    expect((error as DbError).message).toContain('"0002_half" of owner "broken"');
    expect((error as DbError).message).toContain('main.db');
    expect((error as DbError).message).toContain('boom halfway');

    const names = await tables(db.main);
    expect(names).toContain('ok_table');
    expect(names).not.toContain('half_done');
    expect(names).not.toContain('never_table');
    expect(await records(db.main)).not.toContain('broken/0002_half');

    // Fixed: the next registration resumes where it stopped.
    await db.registerMigrations('broken', 'main', {
      ...failing,
      '0002_half': createTable('half_done'),
    });
    expect(await tables(db.main)).toEqual(expect.arrayContaining(['half_done', 'never_table']));
  });

  it('refuses a new migration that sorts before an applied one', async () => {
    await db.registerMigrations('ext', 'main', { '0002_b': createTable('b') });
    await expect(
      db.registerMigrations('ext', 'main', {
        '0001_a': createTable('a'),
        '0002_b': createTable('b'),
      }),
    ).rejects.toMatchObject({ code: 'ZRX_DB_MIGRATION_ORDER' });
  });

  it('applies guild migrations registered while guild databases are open on next use', async () => {
    const open = await db.guild(guildId(1));
    await db.guild(guildId(2));
    await db.registerMigrations('warnings', 'guild', { '0001_warnings': createTable('warnings') });
    expect(await tables(open)).toContain('warnings');
    expect(await tables(await db.guild(guildId(2)))).toContain('warnings');
    // Databases created later get them too.
    expect(await tables(await db.guild(guildId(3)))).toContain('warnings');
  });

  it('reports a failing guild migration, keeps the guild usable, and retries once fixed', async () => {
    const errors: unknown[] = [];
    await db.close();
    db = createDatabase({
      dir: tmp.dir,
      backups: { onClose: false },
      onError: (e) => errors.push(e),
    });
    await db.registerMigrations('bad', 'guild', {
      '0001_bad': {
        up: async () => {
          throw new Error('nope');
        },
      },
      '0002_after': createTable('after_bad'),
    });
    await db.registerMigrations('good', 'guild', { '0001_good': createTable('good') });
    const guild = await db.guild(guildId(1));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'ZRX_DB_MIGRATION' });
    expect((errors[0] as DbError).message).toContain(`"0001_bad" of owner "bad"`);
    expect((errors[0] as DbError).message).toContain(`${guildId(1)}.db`);
    // The healthy owner's table is there and usable; the broken owner stopped.
    const names = await tables(guild);
    expect(names).toEqual(expect.arrayContaining(['good']));
    expect(names).not.toContain('after_bad');
    expect(await sql`select count(*) as n from good`.execute(guild)).toMatchObject({
      rows: [{ n: 0 }],
    });
    expect(errors).toHaveLength(1); // not retried on every query
    expect(db.stats().inFlight).toBe(0);

    await db.registerMigrations('bad', 'guild', {
      '0001_bad': createTable('fixed'),
      '0002_after': createTable('after_bad'),
    });
    expect(await tables(await db.guild(guildId(1)))).toEqual(
      expect.arrayContaining(['fixed', 'after_bad']),
    );
  });

  it('rejects bad owners, scopes and migrations with ZRX_DB_INPUT', async () => {
    await expect(db.registerMigrations('Bad Owner', 'main', {})).rejects.toMatchObject({
      code: 'ZRX_DB_INPUT',
    });
    await expect(db.registerMigrations('ok', 'global' as never, {})).rejects.toMatchObject({
      code: 'ZRX_DB_INPUT',
    });
    await expect(
      db.registerMigrations('ok', 'main', { '0001': {} as Migration }),
    ).rejects.toMatchObject({ code: 'ZRX_DB_INPUT' });
  });
});
