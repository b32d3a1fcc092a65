import { mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteBackend } from './backend/sqlite-backend.js';
import { createDatabase } from './database.js';
import { createKysely, directSource } from './driver.js';
import { GuildPool } from './guild-pool.js';
import { DatabaseHandle } from './handle.js';
import { readNote, useNotes, writeNote } from './testing/notes-table.js';
import { guildId, tempDir } from './testing/temp-dir.js';
import type { ZoryxDatabase } from './zoryx-database.js';

/**
 * `Backend.open` is asynchronous: these pin down what the pool promises around it — one open per
 * guild however many first uses race, no failure kept in a cache, nothing left open at close.
 */
describe('asynchronous guild opens', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: ZoryxDatabase | undefined;

  afterEach(async () => {
    await db?.close();
    db = undefined;
    tmp?.cleanup();
  });

  /** A pool over a real SQLite backend whose opens wait for `gate` and are counted. */
  function gatedPool(gate: Promise<void>) {
    const backend = new SqliteBackend({ dir: tmp.dir, busyTimeoutMs: 1_000 });
    const opened: string[] = [];
    const pool = new GuildPool<unknown>({
      maxOpen: 4,
      idleCloseMs: 0,
      now: () => 0,
      open: async (id) => {
        opened.push(id);
        await gate;
        const connection = await backend.open(backend.guildLocation(id));
        const kysely = createKysely<unknown>(backend, directSource(connection));
        return new DatabaseHandle(id, connection, kysely, 0);
      },
    });
    return { backend, pool, opened };
  }

  it('shares one pending open among concurrent first checkouts of a guild', async () => {
    tmp = tempDir('open-shared');
    let letGo!: () => void;
    const { pool, opened } = gatedPool(
      new Promise<void>((resolve) => {
        letGo = resolve;
      }),
    );
    const checkouts = Array.from({ length: 10 }, () => pool.checkout(guildId(1)));
    expect(checkouts.every((c) => c instanceof Promise)).toBe(true);
    expect(pool.size).toBe(0); // nothing in the pool until the open completes
    letGo();
    const handles = await Promise.all(checkouts);
    expect(opened).toEqual([guildId(1)]); // the backend opened the guild once
    expect(new Set(handles).size).toBe(1);
    expect(handles[0]!.refs).toBe(10); // every waiter's lease counted
    expect(pool.counters).toMatchObject({ misses: 1, hits: 9 });
    // Open now: a checkout is a plain hit, no promise.
    const hit = pool.checkout(guildId(1));
    expect(hit).toBe(handles[0]);
    for (const handle of pool.handles()) handle.close();
  });

  it('does not cache a failed open: every waiter gets the error, the next checkout retries', async () => {
    tmp = tempDir('open-failed');
    const { backend, pool, opened } = gatedPool(Promise.resolve());
    const location = backend.guildLocation(guildId(2));
    mkdirSync(location); // a directory where the file should be: the open fails
    const failing = [pool.checkout(guildId(2)), pool.checkout(guildId(2))];
    for (const attempt of failing) {
      await expect(attempt).rejects.toMatchObject({ code: 'ZRX_DB_OPEN' });
    }
    expect(opened).toHaveLength(1);
    expect(pool.size).toBe(0);
    rmdirSync(location);
    const handle = await pool.checkout(guildId(2));
    expect(opened).toHaveLength(2); // tried again, not served from a cache
    expect(handle.refs).toBe(1);
    handle.close();
  });

  it('opens a guild once when a database gets many first uses at once, and reopens after a failure', async () => {
    tmp = tempDir('open-db');
    db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    await useNotes(db);
    const first = await Promise.all(Array.from({ length: 20 }, () => db!.guild(guildId(3))));
    expect(new Set(first).size).toBe(1);
    expect(db.stats()).toMatchObject({ misses: 1, openGuilds: 1, inFlight: 0 });

    const blocked = join(tmp.dir, 'guilds', `${guildId(4)}.db`);
    mkdirSync(blocked);
    const failed = await Promise.allSettled([
      writeNote(db, guildId(4), 'prefix', '!'),
      db.guild(guildId(4)),
    ]);
    for (const outcome of failed) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'ZRX_DB_OPEN' } });
    }
    expect(db.stats()).toMatchObject({ openGuilds: 1, inFlight: 0 });
    rmdirSync(blocked);
    await writeNote(db, guildId(4), 'prefix', '!');
    expect(await readNote(db, guildId(4), 'prefix')).toBe('!');
    expect(db.stats().openGuilds).toBe(2);
  });

  it('closes a guild whose open was still pending when close() began', async () => {
    tmp = tempDir('open-close');
    db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    const use = db.guild(guildId(5));
    const closing = db.close();
    await use; // it began before close(): it is served
    await closing;
    expect(db.stats()).toMatchObject({ openGuilds: 0, inFlight: 0 });
    await expect(db.guild(guildId(5))).rejects.toMatchObject({ code: 'ZRX_DB_CLOSED' });
    db = undefined;
  });
});
