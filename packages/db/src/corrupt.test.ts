import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from './database.js';
import type { DbError } from './errors.js';
import type { CorruptGuildReport } from './recovery.js';
import { readNote, useNotes, writeNote } from './testing/notes-table.js';
import { guildId, tempDir } from './testing/temp-dir.js';
import type { ZoryxDatabase } from './zoryx-database.js';

/** Notes big enough to fill several pages, so pages past the schema can be damaged. */
async function fillNotes(db: ZoryxDatabase, id: string, count = 50): Promise<void> {
  for (let i = 0; i < count; i += 1) await writeNote(db, id, `n${i}`, 'x'.repeat(2_000));
}

/** Overwrites pages 4–6 of a database file, keeping its header and schema page intact. */
function scribbleOverPages(file: string): void {
  const bytes = readFileSync(file);
  bytes.fill(0x5a, 4096 * 3, 4096 * 6);
  writeFileSync(file, bytes);
}

/** Files in the guilds folder that belong to guild `id`, sorted. */
function guildFiles(dir: string, id: string): string[] {
  return readdirSync(join(dir, 'guilds'))
    .filter((name) => name.startsWith(id))
    .sort();
}

describe('corrupt guild databases are kept and reported, never silently replaced', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: ZoryxDatabase;
  let reports: CorruptGuildReport[];
  let resets: string[];
  let errors: unknown[];
  const now = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

  function open(): ZoryxDatabase {
    const opened = createDatabase({
      dir: tmp.dir,
      now: () => now,
      backups: { onClose: false },
      onError: (error) => errors.push(error),
    });
    opened.onCorrupt((report) => {
      reports.push(report);
    });
    opened.onGuildReset((guild, reason) => resets.push(`${reason} ${guild}`));
    return opened;
  }

  beforeEach(async () => {
    tmp = tempDir('corrupt');
    reports = [];
    resets = [];
    errors = [];
    db = open();
    await useNotes(db);
  });
  afterEach(async () => {
    await db.close();
    tmp.cleanup();
  });

  /** Closes the database, lets `damage` loose on guild `id`'s file, and opens it again. */
  async function damageAndReopen(id: string, damage: (file: string) => void): Promise<string> {
    await db.close();
    const file = join(tmp.dir, 'guilds', `${id}.db`);
    damage(file);
    db = open();
    await useNotes(db);
    return file;
  }

  it('restores a 0-byte database from its backup and keeps the empty file', async () => {
    const id = guildId(1);
    await writeNote(db, id, 'prefix', '?');
    await writeNote(db, id, 'balance', '120');
    const [backup] = await db.backup(id);
    const file = await damageAndReopen(id, (path) => writeFileSync(path, ''));

    expect(await readNote(db, id, 'balance')).toBe('120');
    expect(await readNote(db, id, 'prefix')).toBe('?');
    const kept = `${file}.corrupt-20260102T030405678Z`;
    expect(readFileSync(kept).length).toBe(0);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      guildId: id,
      file,
      problem: 'empty',
      keptAt: kept,
      keptFiles: [kept],
      outcome: 'restored',
      backup,
      skippedBackups: [],
    });
    expect(reports[0]?.error).toMatchObject({ code: 'ZRX_DB_CORRUPT' });
    expect(reports[0]?.error.message).toContain(kept);
    expect(resets).toEqual([`recover ${id}`]);
    expect(db.stats().corruptRecovered).toBe(1);
    expect(errors).toEqual([]);
  });

  it('keeps a garbage file with its -wal/-shm aside and starts fresh when there is no backup', async () => {
    const id = guildId(2);
    await writeNote(db, guildId(3), 'prefix', 'ok');
    const garbage = Buffer.from('this is not a database '.repeat(500));
    const file = await damageAndReopen(id, (path) => {
      writeFileSync(path, garbage);
      writeFileSync(`${path}-wal`, 'stale log');
      writeFileSync(`${path}-shm`, 'stale index');
    });

    expect(await readNote(db, id, 'prefix')).toBeUndefined(); // a fresh, migrated database
    await writeNote(db, id, 'prefix', 'new');
    expect(await readNote(db, id, 'prefix')).toBe('new');
    expect(await readNote(db, guildId(3), 'prefix')).toBe('ok'); // other guilds untouched

    const kept = `${file}.corrupt-20260102T030405678Z`;
    expect(readFileSync(kept).equals(garbage)).toBe(true);
    expect(readFileSync(`${kept}-wal`, 'utf8')).toBe('stale log');
    expect(readFileSync(`${kept}-shm`, 'utf8')).toBe('stale index');
    expect(reports).toMatchObject([
      {
        guildId: id,
        problem: 'not-a-database',
        keptFiles: [kept, `${kept}-wal`, `${kept}-shm`],
        outcome: 'fresh',
        backup: null,
      },
    ]);
    expect(reports[0]?.error.message).toContain('replaced by an empty database');
  });

  it('finds broken pages behind a valid header and restores the newest backup that verifies', async () => {
    const id = guildId(4);
    await fillNotes(db, id);
    const [good] = await db.backup(id);
    await writeNote(db, id, 'n0', 'after the backup');
    // A newer backup that is itself damaged must be passed over, and left where it is.
    const damagedBackup = join(tmp.dir, 'backups', 'guilds', id, '20991231T000000000Z.db');
    writeFileSync(damagedBackup, 'not a backup at all '.repeat(300));
    let damaged = Buffer.alloc(0);
    const file = await damageAndReopen(id, (path) => {
      scribbleOverPages(path);
      damaged = readFileSync(path);
    });

    expect(await readNote(db, id, 'n0')).toBe('x'.repeat(2_000)); // the backup's value
    expect(await readNote(db, id, 'n49')).toBe('x'.repeat(2_000));
    expect(reports).toMatchObject([
      { problem: 'damaged', outcome: 'restored', backup: good, skippedBackups: [damagedBackup] },
    ]);
    expect(reports[0]?.detail).toMatch(/^PRAGMA quick_check: /);
    expect(existsSync(damagedBackup)).toBe(true);
    // The kept copy is the damaged file, byte for byte as it was found.
    const kept = `${basename(file)}.corrupt-20260102T030405678Z`;
    expect(guildFiles(tmp.dir, id).filter((name) => name.includes('.corrupt-'))).toEqual([kept]);
    expect(readFileSync(join(tmp.dir, 'guilds', kept)).equals(damaged)).toBe(true);
  });

  it('recovers a guild whose damage a query met after the open check', async () => {
    await db.close();
    db = createDatabase({
      dir: tmp.dir,
      now: () => now,
      maxOpenGuilds: 1,
      backups: { onClose: false },
    });
    db.onCorrupt((report) => {
      reports.push(report);
    });
    await useNotes(db);
    const id = guildId(5);
    await fillNotes(db, id);
    await db.backup(id);
    await writeNote(db, guildId(6), 'k', 'v'); // evicts guild 5: its file is closed, checked once
    const file = join(tmp.dir, 'guilds', `${id}.db`);
    scribbleOverPages(file);

    const guild = await db.guild(id);
    const error = (await guild
      .selectFrom('test_notes')
      .selectAll()
      .execute()
      .catch((e: unknown) => e)) as DbError;
    expect(error).toMatchObject({ code: 'ZRX_DB_CORRUPT' });
    expect(error.message).toContain(file);
    expect(reports).toEqual([]);

    // The next use checks the file again, keeps it aside and restores the backup.
    const rows = await guild.selectFrom('test_notes').select('key').execute();
    expect(rows).toHaveLength(50);
    expect(reports).toMatchObject([{ guildId: id, problem: 'damaged', outcome: 'restored' }]);
    expect(existsSync(`${file}.corrupt-20260102T030405678Z`)).toBe(true);
  });

  it('sends the report to onError when nobody listens, and a throwing listener too', async () => {
    await db.close();
    db = createDatabase({
      dir: tmp.dir,
      now: () => now,
      backups: { onClose: false },
      onError: (error) => errors.push(error),
    });
    await useNotes(db);
    writeFileSync(join(tmp.dir, 'guilds', `${guildId(7)}.db`), '');
    await writeNote(db, guildId(7), 'k', 'v');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'ZRX_DB_CORRUPT' });

    db.onCorrupt(() => {
      throw new Error('a broken listener');
    });
    db.onCorrupt(async () => {
      throw new Error('a broken async listener');
    });
    writeFileSync(join(tmp.dir, 'guilds', `${guildId(8)}.db`), 'garbage'.repeat(100));
    await writeNote(db, guildId(8), 'k', 'v');
    // Reports are delivered on a microtask; let them and the async listener's rejection run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.slice(1).map((e) => (e as Error).message)).toEqual([
      'a broken listener',
      'a broken async listener',
    ]);
    const notAFunction: unknown = 'nope';
    expect(() => db.onCorrupt(notAFunction as () => void)).toThrow(
      expect.objectContaining({ code: 'ZRX_DB_INPUT' }),
    );
  });

  it('leaves everything as it was when the damaged file cannot be moved aside', async () => {
    const id = guildId(9);
    await writeNote(db, id, 'k', 'v');
    await db.backup(id);
    const file = await damageAndReopen(id, (path) => {
      writeFileSync(path, '');
      writeFileSync(`${path}-wal`, 'log');
      // The log's new name is taken by a non-empty folder: the move fails half way.
      mkdirSync(join(`${path}.corrupt-20260102T030405678Z-wal`, 'blocker'), { recursive: true });
    });

    await expect(db.guild(id)).rejects.toMatchObject({ code: 'ZRX_DB_RECOVERY' });
    expect(readFileSync(file).length).toBe(0);
    expect(readFileSync(`${file}-wal`, 'utf8')).toBe('log');
    expect(existsSync(`${file}.corrupt-20260102T030405678Z`)).toBe(false);
    expect(existsSync(`${file}.restoring`)).toBe(false);
    expect(reports).toEqual([]);

    // Once the obstacle is gone, the next use recovers.
    rmSync(`${file}.corrupt-20260102T030405678Z-wal`, { recursive: true });
    expect(await readNote(db, id, 'k')).toBe('v');
    expect(reports).toMatchObject([{ guildId: id, outcome: 'restored' }]);
  });

  it('still refuses to start on a corrupt main.db, leaving it untouched', async () => {
    await db.close();
    const main = join(tmp.dir, 'main.db');
    writeFileSync(main, 'garbage'.repeat(1_000));
    expect(() => createDatabase({ dir: tmp.dir })).toThrow(
      expect.objectContaining({ code: 'ZRX_DB_CORRUPT' }),
    );
    expect(readFileSync(main, 'utf8')).toBe('garbage'.repeat(1_000));
  });
});
