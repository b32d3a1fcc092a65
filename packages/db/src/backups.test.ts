import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from './database.js';
import { readNote, useNotes, writeNote } from './testing/notes-table.js';
import { guildId, tempDir } from './testing/temp-dir.js';
import type { GuildResetListener, ZoryxDatabase } from './zoryx-database.js';

describe('backups', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: ZoryxDatabase;
  let now: number;

  beforeEach(async () => {
    tmp = tempDir('backups');
    now = Date.UTC(2026, 0, 1);
    db = createDatabase({ dir: tmp.dir, now: () => now, backups: { keep: 3, onClose: false } });
    await useNotes(db);
  });
  afterEach(async () => {
    await db.close();
    tmp.cleanup();
  });

  it('round-trips a guild through backup and restore', async () => {
    const id = guildId(1);
    await writeNote(db, id, 'prefix', 'old');
    const guild = await db.guild(id);
    await sql`create table notes (body text)`.execute(guild);
    await sql`insert into notes (body) values ('kept')`.execute(guild);
    const [path] = await db.backup(id);
    expect(path).toBeDefined();
    expect(isAbsolute(path!)).toBe(true);
    expect(path).toContain(join('backups', 'guilds', id));

    await writeNote(db, id, 'prefix', 'new');
    await sql`delete from notes`.execute(guild);
    await db.restoreGuild(id, path!);

    expect(await readNote(db, id, 'prefix')).toBe('old');
    const { rows } = await sql<{ body: string }>`select body from notes`.execute(guild);
    expect(rows).toEqual([{ body: 'kept' }]);
  });

  it('keeps the newest N backups per database and prunes older ones', async () => {
    const id = guildId(2);
    await db.guild(id);
    const written: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      now += 1_000;
      written.push(...(await db.backup(id)));
    }
    expect(db.listBackups(id)).toEqual(written.slice(-3));
    expect(existsSync(written[0]!)).toBe(false);
    // Two backups in the same millisecond do not overwrite each other, and sort in order.
    const [a] = await db.backup(id);
    const [b] = await db.backup(id);
    expect(a).not.toBe(b);
    expect(db.listBackups(id).slice(-2)).toEqual([a, b]);
    // No temporary files are left behind.
    expect(readdirSync(dirname(a!)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('writes single self-contained files: no -wal/-shm after backups, restores and verifies', async () => {
    const id = guildId(10);
    await writeNote(db, id, 'prefix', 'one');
    const dir = join(tmp.dir, 'backups', 'guilds', id);
    // Litter of older versions (WAL-mode copies verified in place) goes with the next backup.
    mkdirSync(dir, { recursive: true });
    for (const name of ['20250101T000000000Z.db-wal', '20250101T000000000Z.db.partial-shm']) {
      writeFileSync(join(dir, name), 'litter');
    }
    const written: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      now += 1_000;
      await writeNote(db, id, 'prefix', `v${i}`);
      written.push(...(await db.backup(id)));
    }
    await db.restoreGuild(id, written[1]!);
    expect(await readNote(db, id, 'prefix')).toBe('v1');
    now += 1_000;
    written.push(...(await db.backup()));
    await db.restoreGuild(id, written.at(-1)!);
    expect(await readNote(db, id, 'prefix')).toBe('v1');

    expect(readdirSync(dir).sort()).toEqual(db.listBackups(id).map((path) => basename(path)));
    expect(readdirSync(dir).every((name) => /^\d{8}T\d{9}Z\.db$/.test(name))).toBe(true);
    expect(readdirSync(join(tmp.dir, 'backups', 'main'))).toEqual(
      db.listBackups().map((path) => basename(path)),
    );
    // Each backup opens on its own, in rollback-journal mode, and needs nothing beside it.
    const copy = new Sqlite(db.listBackups(id).at(-1)!, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(readdirSync(dir).some((name) => /-(wal|shm)$/.test(name))).toBe(false);
  });

  it('backs up main and the guilds used since the last backup, on demand and on close', async () => {
    await writeNote(db, guildId(3), 'prefix', 'x');
    await writeNote(db, guildId(4), 'prefix', 'y');
    const paths = await db.backup();
    expect(paths).toHaveLength(3);
    expect(paths[0]).toContain(join('backups', 'main'));
    // Nothing used since: only main.
    expect(await db.backup()).toHaveLength(1);

    await db.close();
    db = createDatabase({ dir: tmp.dir, now: () => now, backups: { keep: 3 } });
    await useNotes(db);
    await writeNote(db, guildId(3), 'prefix', 'z');
    now += 1_000;
    await db.close();
    expect(db.listBackups(guildId(3))).toHaveLength(2);
    expect(db.listBackups()).toHaveLength(3);
  });

  it('removes a guild after backing it up, and starts it fresh afterwards', async () => {
    const id = guildId(5);
    await writeNote(db, id, 'prefix', 'gone');
    const file = join(tmp.dir, 'guilds', `${id}.db`);
    await db.removeGuild(id, { backupFirst: true });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const [backup] = db.listBackups(id);
    expect(backup).toBeDefined();

    expect(await readNote(db, id, 'prefix')).toBeUndefined(); // a fresh, migrated database
    await db.restoreGuild(id, backup!);
    expect(await readNote(db, id, 'prefix')).toBe('gone');
  });

  it('waits for queries in flight before removing', async () => {
    const id = guildId(6);
    const guild = await db.guild(id);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const inside = new Promise<void>((resolve) => {
      started = resolve;
    });
    const transaction = guild.transaction().execute(async (trx) => {
      started();
      await gate;
      await trx.insertInto('test_notes').values({ key: 'k', value: '1' }).execute();
    });
    await inside;
    const removal = db.removeGuild(id);
    let removed = false;
    void removal.then(() => {
      removed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(removed).toBe(false);
    release();
    await transaction;
    await removal;
    expect(existsSync(join(tmp.dir, 'guilds', `${id}.db`))).toBe(false);
  });

  it('tells onGuildReset listeners about restores and removals, even failed ones', async () => {
    const id = guildId(9);
    await writeNote(db, id, 'k', 'v');
    const [backup] = await db.backup(id);
    const seen: string[] = [];
    const errors: unknown[] = [];
    await db.close();
    db = createDatabase({
      dir: tmp.dir,
      now: () => now,
      backups: { keep: 3, onClose: false },
      onError: (error) => errors.push(error),
    });
    db.onGuildReset(() => {
      throw new Error('a broken listener');
    });
    const off = db.onGuildReset((guild, reason) => seen.push(`${reason} ${guild}`));
    await db.restoreGuild(id, backup!);
    await db.removeGuild(id);
    const bogus = join(tmp.dir, 'bogus-reset.db');
    writeFileSync(bogus, 'not sqlite'.repeat(100));
    // Verification fails before anything was touched: no reset to report.
    await expect(db.restoreGuild(id, bogus)).rejects.toMatchObject({ code: 'ZRX_DB_BACKUP' });
    off();
    await db.restoreGuild(id, backup!);
    expect(seen).toEqual([`restore ${id}`, `remove ${id}`]);
    // The throwing listener ran on all three resets; its errors went to onError.
    expect(errors).toHaveLength(3);
    const notAFunction: unknown = 'nope';
    expect(() => db.onGuildReset(notAFunction as GuildResetListener)).toThrow(
      expect.objectContaining({ code: 'ZRX_DB_INPUT' }),
    );
  });

  it('refuses to restore a file that is not a healthy database', async () => {
    const bogus = join(tmp.dir, 'bogus.db');
    writeFileSync(bogus, 'definitely not sqlite'.repeat(100));
    await expect(db.restoreGuild(guildId(7), bogus)).rejects.toMatchObject({
      code: 'ZRX_DB_BACKUP',
    });
  });

  it('refuses to back up a guild that has no database', async () => {
    await expect(db.backup(guildId(8))).rejects.toMatchObject({ code: 'ZRX_DB_INPUT' });
    expect(existsSync(join(tmp.dir, 'guilds', `${guildId(8)}.db`))).toBe(false);
  });
});
