import { type Migration, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DbError, isDbError } from './errors.js';
import { type BackendFixture, backendFixtures } from './testing/backends.js';
import { readNote, useNotes, writeNote } from './testing/notes-table.js';
import { guildId } from './testing/temp-dir.js';

/**
 * The contract every backend keeps: the same calls give the same results on SQLite and on
 * PostgreSQL. PostgreSQL runs when ZORYX_TEST_DATABASE_URL is set (always in CI), in a database
 * created for this file.
 */

interface CounterTable {
  id: import('kysely').Generated<number>;
  label: string;
  at: number;
}

declare module './tables.js' {
  interface GuildTables {
    contract_counters: CounterTable;
  }
}

const counters: Record<string, Migration> = {
  '0001_counters': {
    async up(db) {
      await db.schema
        .createTable('contract_counters')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('at', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};

const fixtures = await backendFixtures('contract');
afterAll(async () => {
  for (const fixture of fixtures) await fixture.cleanup();
});

if (!fixtures.some((f) => f.name === 'postgres')) {
  describe('postgres backend', () => {
    it.skip('needs ZORYX_TEST_DATABASE_URL (eval "$(bash scripts/services.sh start)")', () => {});
  });
}

describe.each(fixtures.map((f) => [f.name, f] as [string, BackendFixture]))(
  'db contract on %s',
  (_name, fixture) => {
    it('keeps main rows and guild rows apart, per guild', async () => {
      const db = fixture.open();
      try {
        await useNotes(db);
        await db.main
          .insertInto('global_stats')
          .values({ key: 'boots', value: '1', updated_at: Date.now() })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: '1' }))
          .execute();
        await writeNote(db, guildId(1), 'a', 'one');
        await writeNote(db, guildId(2), 'a', 'two');
        expect(await readNote(db, guildId(1), 'a')).toBe('one');
        expect(await readNote(db, guildId(2), 'a')).toBe('two');
        expect(await readNote(db, guildId(3), 'a')).toBeUndefined();
        const boots = await db.main
          .selectFrom('global_stats')
          .select('value')
          .where('key', '=', 'boots')
          .executeTakeFirst();
        expect(boots?.value).toBe('1');
      } finally {
        await db.close();
      }
    });

    it('shares data between two instances (two processes of one bot)', async () => {
      const first = fixture.open();
      const second = fixture.open();
      try {
        await Promise.all([useNotes(first), useNotes(second)]);
        await writeNote(first, guildId(10), 'prefix', '?');
        expect(await readNote(second, guildId(10), 'prefix')).toBe('?');
      } finally {
        await first.close();
        await second.close();
      }
    });

    it('migrates a guild once when several instances open it at the same time', async () => {
      const dbs = [fixture.open(), fixture.open(), fixture.open()];
      const ran: string[] = [];
      const once: Record<string, Migration> = {
        '0001_once': {
          async up(db) {
            ran.push('once');
            await db.schema
              .createTable('contract_once')
              .addColumn('id', 'integer', (c) => c.primaryKey())
              .execute();
          },
        },
      };
      try {
        await Promise.all(dbs.map((db) => db.registerMigrations('contract-once', 'guild', once)));
        if (fixture.name === 'postgres') {
          await Promise.all(dbs.map((db) => db.guild(guildId(20))));
        } else {
          // better-sqlite3 is synchronous: three connections in one thread cannot wait for each
          // other's lock (only separate processes can, see crash.test.ts), so they take turns.
          for (const db of dbs) await db.guild(guildId(20));
        }
        expect(ran).toEqual(['once']);
      } finally {
        for (const db of dbs) await db.close();
      }
    });

    it('opens a guild once however many first uses of it race in one instance', async () => {
      const db = fixture.open();
      let ran = 0;
      try {
        await db.registerMigrations('contract-race', 'guild', {
          '0001_race': {
            async up(trx) {
              ran += 1;
              await trx.schema
                .createTable('contract_race')
                .addColumn('id', 'integer', (c) => c.primaryKey())
                .execute();
            },
          },
        });
        const opened = await Promise.all(Array.from({ length: 20 }, () => db.guild(guildId(21))));
        expect(new Set(opened).size).toBe(1);
        expect(ran).toBe(1);
        expect(db.stats()).toMatchObject({ misses: 1, openGuilds: 1 });
      } finally {
        await db.close();
      }
    });

    it('stores epoch milliseconds in integer columns and numbers auto-increment ids', async () => {
      const db = fixture.open();
      try {
        await db.registerMigrations('contract', 'guild', counters);
        const guild = await db.guild(guildId(30));
        const at = Date.now();
        await guild.insertInto('contract_counters').values({ label: 'x', at }).execute();
        await guild.insertInto('contract_counters').values({ label: 'y', at }).execute();
        const rows = await guild
          .selectFrom('contract_counters')
          .selectAll()
          .orderBy('id')
          .execute();
        expect(rows).toEqual([
          { id: 1, label: 'x', at },
          { id: 2, label: 'y', at },
        ]);
      } finally {
        await db.close();
      }
    });

    it("runs SQLite's two-argument max() in an upsert", async () => {
      const db = fixture.open();
      try {
        await db.registerMigrations('contract', 'guild', counters);
        const guild = await db.guild(guildId(31));
        await guild.insertInto('contract_counters').values({ id: 1, label: 'x', at: 50 }).execute();
        for (const at of [20, 90]) {
          await guild
            .insertInto('contract_counters')
            .values({ id: 1, label: 'x', at })
            .onConflict((oc) =>
              oc.column('id').doUpdateSet((eb) => ({
                at: eb.fn<number>('max', ['contract_counters.at', 'excluded.at']),
              })),
            )
            .execute();
        }
        const row = await guild.selectFrom('contract_counters').select('at').executeTakeFirst();
        expect(row?.at).toBe(90);
      } finally {
        await db.close();
      }
    });

    it('rolls back a failed transaction', async () => {
      const db = fixture.open();
      try {
        await useNotes(db);
        const guild = await db.guild(guildId(40));
        await expect(
          guild.transaction().execute(async (trx) => {
            await trx.insertInto('test_notes').values({ key: 'k', value: 'v' }).execute();
            throw new DbError('ZRX_DB_INPUT', 'stop');
          }),
        ).rejects.toThrow('stop');
        expect(await readNote(db, guildId(40), 'k')).toBeUndefined();
      } finally {
        await db.close();
      }
    });

    it('rolls a failing main migration back and rejects with ZRX_DB_MIGRATION', async () => {
      const db = fixture.open();
      try {
        const failing = db.registerMigrations('contract-broken', 'main', {
          '0001_half': {
            async up(trx) {
              await trx.schema.createTable('contract_half').addColumn('id', 'integer').execute();
              throw new DbError('ZRX_DB_INPUT', 'broken on purpose');
            },
          },
        });
        await expect(failing).rejects.toSatisfy((error) => isDbError(error, 'ZRX_DB_MIGRATION'));
        const { rows } = await sql<{ n: number }>`select count(*) as n from global_stats`.execute(
          db.main,
        );
        expect(rows).toHaveLength(1);
        await expect(sql`select * from contract_half`.execute(db.main)).rejects.toThrow();
      } finally {
        await db.close();
      }
    });

    it('refuses a migration that sorts before an applied one', async () => {
      const db = fixture.open();
      const later = fixture.open();
      try {
        const table = (name: string): Migration => ({
          up: (trx) => trx.schema.createTable(name).addColumn('id', 'integer').execute(),
        });
        await db.registerMigrations('contract-order', 'main', { '0002_b': table('contract_b') });
        await expect(
          later.registerMigrations('contract-order', 'main', {
            '0001_a': table('contract_a'),
            '0002_b': table('contract_b'),
          }),
        ).rejects.toSatisfy((error) => isDbError(error, 'ZRX_DB_MIGRATION_ORDER'));
      } finally {
        await db.close();
        await later.close();
      }
    });

    it('backs up a guild, restores it, and tells reset listeners', async () => {
      const db = fixture.open();
      const resets: string[] = [];
      db.onGuildReset((id, reason) => resets.push(`${id}:${reason}`));
      try {
        await useNotes(db);
        await db.registerMigrations('contract', 'guild', counters);
        const id = guildId(50);
        await writeNote(db, id, 'kept', 'before');
        await (await db.guild(id))
          .insertInto('contract_counters')
          .values({ label: 'a', at: 1 })
          .execute();
        const [file] = await db.backup(id);
        expect(db.listBackups(id)).toEqual([file]);
        await writeNote(db, id, 'kept', 'after');
        await writeNote(db, id, 'extra', 'x');
        await db.restoreGuild(id, file!);
        expect(await readNote(db, id, 'kept')).toBe('before');
        expect(await readNote(db, id, 'extra')).toBeUndefined();
        // Ids keep counting after the restored rows.
        const guild = await db.guild(id);
        await guild.insertInto('contract_counters').values({ label: 'b', at: 2 }).execute();
        const ids = await guild
          .selectFrom('contract_counters')
          .select('id')
          .orderBy('id')
          .execute();
        expect(ids.map((r) => r.id)).toEqual([1, 2]);
        expect(resets).toEqual([`${id}:restore`]);
      } finally {
        await db.close();
      }
    });

    it('removes a guild (backing it up first) and starts it empty on its next use', async () => {
      const db = fixture.open();
      try {
        await useNotes(db);
        const id = guildId(60);
        await writeNote(db, id, 'k', 'v');
        await db.removeGuild(id, { backupFirst: true });
        expect(db.listBackups(id)).toHaveLength(1);
        expect(await readNote(db, id, 'k')).toBeUndefined();
        await expect(db.backup(guildId(61))).rejects.toSatisfy((e) => isDbError(e, 'ZRX_DB_INPUT'));
      } finally {
        await db.close();
      }
    });

    it('backs up main and every guild used since, with no argument', async () => {
      const db = fixture.open();
      try {
        await useNotes(db);
        await writeNote(db, guildId(70), 'k', 'v');
        const files = await db.backup();
        expect(files).toHaveLength(2);
        expect(db.listBackups()).toEqual([files[0]]);
        expect(db.stats().backupsWritten).toBe(2);
      } finally {
        await db.close();
      }
    });

    it('rejects bad guild ids and use after close with coded errors', async () => {
      const db = fixture.open();
      await expect(db.guild('../etc')).rejects.toSatisfy((e) => isDbError(e, 'ZRX_DB_GUILD_ID'));
      await db.close();
      await expect(db.guild(guildId(1))).rejects.toSatisfy((e) => isDbError(e, 'ZRX_DB_CLOSED'));
    });
  },
);
