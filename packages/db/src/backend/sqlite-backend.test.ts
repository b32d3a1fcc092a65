import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../database.js';
import { guildId, tempDir } from '../testing/temp-dir.js';
import { SqliteBackend } from './sqlite-backend.js';

describe('SqliteBackend', () => {
  let tmp: ReturnType<typeof tempDir>;
  let backend: SqliteBackend;

  beforeEach(() => {
    tmp = tempDir('backend');
    backend = new SqliteBackend({ dir: tmp.dir, busyTimeoutMs: 1234 });
  });
  afterEach(() => tmp.cleanup());

  it('opens with WAL, foreign keys and the busy timeout', async () => {
    const connection = await backend.open(backend.guildLocation(guildId(1)));
    const pragma = async (name: string) =>
      Object.values(
        (await connection.executeQuery(CompiledQuery.raw(`pragma ${name}`))).rows[0] as object,
      )[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(1234);
    expect(await pragma('synchronous')).toBe(1); // NORMAL
    connection.close();
  });

  it('reuses prepared statements for repeated SQL', async () => {
    const connection = backend.openNow(backend.mainLocation());
    const query = CompiledQuery.raw('select ? as n', [1]);
    for (let i = 0; i < 50; i += 1) await connection.executeQuery(query);
    await connection.executeQuery(CompiledQuery.raw('select ? as n', [2]));
    expect(connection.prepared).toBe(1);
    await connection.executeQuery(CompiledQuery.raw('select 2 as n'));
    expect(connection.prepared).toBe(2);
    connection.close();
  });

  it('verifies copies and removes a database with its side files', async () => {
    const location = backend.guildLocation(guildId(2));
    const connection = await backend.open(location);
    await connection.executeQuery(CompiledQuery.raw('create table t (x)'));
    const copy = join(tmp.dir, 'copy.db');
    await connection.backupTo(copy);
    expect(() => backend.verifyCopy(copy)).not.toThrow();
    const bogus = join(tmp.dir, 'bogus.db');
    writeFileSync(bogus, 'x'.repeat(4096));
    expect(() => backend.verifyCopy(bogus)).toThrow(
      expect.objectContaining({ code: 'ZRX_DB_BACKUP' }),
    );
    expect(existsSync(`${location}-wal`)).toBe(true);
    connection.close();
    backend.remove(location);
    expect(readdirSync(join(tmp.dir, 'guilds'))).toEqual([]);
  });

  it('rejects an open it cannot do with a coded error, and a damaged file with ZRX_DB_CORRUPT', async () => {
    const blocked = backend.guildLocation(guildId(5));
    mkdirSync(blocked); // a directory where the file should be: SQLite cannot open it
    await expect(backend.open(blocked)).rejects.toMatchObject({ code: 'ZRX_DB_OPEN' });
    const foreign = backend.guildLocation(guildId(6));
    writeFileSync(foreign, 'not a database, '.repeat(300));
    await expect(backend.open(foreign)).rejects.toMatchObject({ code: 'ZRX_DB_CORRUPT' });
  });

  it('opens a file only after checking it, and tells what is wrong with one that fails', async () => {
    const location = backend.guildLocation(guildId(3));
    const fresh = await backend.openChecked(location);
    expect('connection' in fresh).toBe(true);
    if ('connection' in fresh) fresh.connection.close();
    expect(statSync(location).size).toBeGreaterThan(0); // a new database is never 0 bytes

    writeFileSync(location, '');
    expect(await backend.openChecked(location)).toEqual({
      corrupt: { problem: 'empty', detail: 'the file is 0 bytes long' },
    });
    writeFileSync(location, 'SQLite format 2\0'.repeat(20));
    expect(await backend.openChecked(location)).toMatchObject({
      corrupt: { problem: 'not-a-database' },
    });
    expect(readFileSync(location, 'utf8')).toBe('SQLite format 2\0'.repeat(20)); // untouched
  });

  it('moves a database aside with its side files, all or nothing', () => {
    const location = backend.guildLocation(guildId(4));
    writeFileSync(location, 'db');
    writeFileSync(`${location}-wal`, 'wal');
    writeFileSync(`${location}.aside`, 'an earlier one');
    expect(backend.moveAside(location, '.aside')).toEqual([
      `${location}.aside_01`,
      `${location}.aside_01-wal`,
    ]);
    expect(existsSync(location)).toBe(false);
    expect(readFileSync(`${location}.aside_01-wal`, 'utf8')).toBe('wal');

    // The log moves, then the index cannot: the log comes back, the database stays.
    writeFileSync(location, 'db2');
    writeFileSync(`${location}-wal`, 'wal2');
    writeFileSync(`${location}-shm`, 'shm2');
    mkdirSync(join(`${location}.z-shm`, 'blocker'), { recursive: true });
    expect(() => backend.moveAside(location, '.z')).toThrow();
    expect(readFileSync(location, 'utf8')).toBe('db2');
    expect(readFileSync(`${location}-wal`, 'utf8')).toBe('wal2');
    expect(existsSync(`${location}.z-wal`)).toBe(false);
    expect(existsSync(`${location}.z`)).toBe(false);
  });

  it('never builds a path outside dir from a guild id', async () => {
    const db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    for (const bad of ['../../etc/passwd', '..', '12345678901234567/..', `${guildId(1)}\0`]) {
      await expect(db.guild(bad)).rejects.toMatchObject({ code: 'ZRX_DB_GUILD_ID' });
      await expect(db.removeGuild(bad)).rejects.toMatchObject({ code: 'ZRX_DB_GUILD_ID' });
    }
    expect(readdirSync(join(tmp.dir, 'guilds'))).toEqual([]);
    await db.close();
  });
});
