import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from './database.js';
import { readNote, useNotes, writeNote } from './testing/notes-table.js';
import { guildId, tempDir } from './testing/temp-dir.js';
import type { ZoryxDatabase } from './zoryx-database.js';

describe('guild pool', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: ZoryxDatabase;

  afterEach(async () => {
    await db?.close();
    tmp?.cleanup();
  });

  it('serves 1,000 guilds through 16 handles and keeps each guild its own file', async () => {
    tmp = tempDir('pool');
    const options = { dir: tmp.dir, maxOpenGuilds: 16, backups: { onClose: false } };
    db = createDatabase(options);
    await useNotes(db);
    // Creating 1,000 databases costs fsyncs that say nothing about the pool: create one,
    // copy it (a closed, checkpointed, migrated file) to the others, then drive the pool.
    await db.guild(guildId(0));
    await db.close();
    const template = join(tmp.dir, 'guilds', `${guildId(0)}.db`);
    for (let i = 1; i < 1_000; i += 1) {
      copyFileSync(template, join(tmp.dir, 'guilds', `${guildId(i)}.db`));
    }
    db = createDatabase(options);
    await useNotes(db);

    let peak = 0;
    for (let i = 0; i < 1_000; i += 1) {
      if (i % 50 === 0) await writeNote(db, guildId(i), 'prefix', `p${i}`);
      else expect(await readNote(db, guildId(i), 'prefix')).toBeUndefined();
      peak = Math.max(peak, db.stats().openGuilds);
    }
    const stats = db.stats();
    expect(peak).toBeLessThanOrEqual(16);
    expect(stats.openGuilds).toBe(16);
    expect(stats.misses).toBe(1_000);
    expect(stats.evictions).toBe(1_000 - 16);
    expect(stats.inFlight).toBe(0);

    // A second pass in another order, on a new instance: every value comes back from its own
    // file, through reopened handles.
    await db.close();
    db = createDatabase(options);
    await useNotes(db);
    for (let i = 999; i >= 0; i -= 7) {
      expect(await readNote(db, guildId(i), 'prefix')).toBe(i % 50 === 0 ? `p${i}` : undefined);
    }
    expect(db.stats().openGuilds).toBe(16);
  }, 240_000); // 2,000 cold opens: 93 s once on a 2-core CI machine at load 30

  it('never closes a handle with a transaction in flight', async () => {
    tmp = tempDir('inflight');
    db = createDatabase({ dir: tmp.dir, maxOpenGuilds: 2, backups: { onClose: false } });
    await useNotes(db);
    const busy = await db.guild(guildId(1));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const transaction = busy.transaction().execute(async (trx) => {
      await trx.insertInto('test_notes').values({ key: 'prefix', value: '?' }).execute();
      started();
      await gate;
      await trx.updateTable('test_notes').set({ value: '??' }).execute();
    });
    await inside;
    for (let i = 2; i < 40; i += 1) await db.guild(guildId(i));
    const during = db.stats();
    expect(during.inFlight).toBe(1);
    expect(during.openGuilds).toBe(2);
    expect(during.evictions).toBe(38 - 1);
    release();
    await transaction;
    // Guild 1 was the least recently used all along, yet it was never closed: reading it now
    // is a pool hit, and its transaction committed.
    const misses = db.stats().misses;
    expect(await readNote(db, guildId(1), 'prefix')).toBe('??');
    expect(db.stats().misses).toBe(misses);
  });

  it('evicts the least recently used idle database', async () => {
    tmp = tempDir('lru');
    db = createDatabase({ dir: tmp.dir, maxOpenGuilds: 3, backups: { onClose: false } });
    const guilds = await Promise.all([1, 2, 3, 4].map((n) => db.guild(guildId(n))));
    // Opening guild 4 evicted guild 1. Now use 2, 3, then 2 again: 4 is the oldest.
    for (const n of [2, 3, 2]) await sql`select 1`.execute(guilds[n - 1]!);
    await sql`select 1`.execute(guilds[0]!); // reopens 1, evicting 4
    const misses = db.stats().misses;
    for (const n of [1, 2, 3]) await sql`select 1`.execute(guilds[n - 1]!);
    expect(db.stats().misses).toBe(misses); // 1, 2, 3 were all open
    await sql`select 1`.execute(guilds[3]!);
    expect(db.stats().misses).toBe(misses + 1); // 4 was the one closed
    expect(db.stats().openGuilds).toBe(3);
  });

  it('lets guild(id) and typed queries run inside a transaction of the same guild', async () => {
    tmp = tempDir('reentrant');
    db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    await useNotes(db);
    const id = guildId(1);
    const guild = await db.guild(id);
    await guild.transaction().execute(async (trx) => {
      // Must not wait for the lease this very transaction holds.
      expect(await db.guild(id)).toBe(guild);
      await trx.insertInto('test_notes').values({ key: 'prefix', value: 't' }).execute();
    });
    expect(await readNote(db, id, 'prefix')).toBe('t');
  });

  it('keeps a held query builder usable after its handle was evicted', async () => {
    tmp = tempDir('reopen');
    db = createDatabase({ dir: tmp.dir, maxOpenGuilds: 1, backups: { onClose: false } });
    await useNotes(db);
    const first = await db.guild(guildId(1));
    await db.guild(guildId(2)); // evicts guild 1
    expect(db.stats().evictions).toBe(1);
    const rows = await first.selectFrom('test_notes').selectAll().execute();
    expect(rows).toEqual([]);
    expect(db.stats().misses).toBe(3);
  });

  it('closes idle handles after idleCloseMs (injected clock)', async () => {
    tmp = tempDir('idle');
    let now = 1_000_000;
    db = createDatabase({
      dir: tmp.dir,
      idleCloseMs: 60_000,
      now: () => now,
      backups: { onClose: false },
    });
    await db.guild(guildId(1));
    now += 30_000;
    await db.guild(guildId(2));
    now += 31_000;
    expect(db.closeIdle()).toBe(1); // guild 1: idle 61 s; guild 2: 31 s
    expect(db.stats()).toMatchObject({ openGuilds: 1, idleCloses: 1 });
    now += 60_000;
    expect(db.closeIdle()).toBe(1);
    expect(db.stats().openGuilds).toBe(0);
  });

  it('serialises concurrent read-modify-write transactions on one guild', async () => {
    tmp = tempDir('concurrent');
    db = createDatabase({ dir: tmp.dir, maxOpenGuilds: 4, backups: { onClose: false } });
    const guild = await db.guild(guildId(1));
    await sql`create table counter (id integer primary key, n integer not null)`.execute(guild);
    await sql`insert into counter (id, n) values (1, 0)`.execute(guild);
    const increments = Array.from({ length: 200 }, async (_, i) => {
      // Spread over several guilds so eviction and reopening happen in between.
      await db.guild(guildId(2 + (i % 8)));
      await guild.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`select n from counter where id = 1`.execute(trx);
        await Promise.resolve(); // yield: a racing transaction would slip in here
        await sql`update counter set n = ${rows[0]!.n + 1} where id = 1`.execute(trx);
      });
    });
    await Promise.all(increments);
    const { rows } = await sql<{ n: number }>`select n from counter where id = 1`.execute(guild);
    expect(rows[0]!.n).toBe(200);
    expect(db.stats().inFlight).toBe(0);
  });

  it('two instances writing one guild file wait for each other (busy_timeout), none fails', async () => {
    tmp = tempDir('two-instances');
    db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    const other = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    const a = await db.guild(guildId(1));
    const b = await other.guild(guildId(1));
    await sql`create table if not exists log (v integer)`.execute(a);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        sql`insert into log (v) values (${i})`.execute(i % 2 ? a : b),
      ),
    );
    const { rows } = await sql<{ c: number }>`select count(*) as c from log`.execute(a);
    expect(rows[0]!.c).toBe(100);
    await other.close();
  });
});
