import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandUsageBatcher, type PendingUsage } from './command-usage.js';
import { createDatabase } from './database.js';
import { tempDir } from './testing/temp-dir.js';
import type { ZoryxDatabase } from './zoryx-database.js';

describe('command usage', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: ZoryxDatabase;
  let now: number;

  beforeEach(() => {
    tmp = tempDir('usage');
    now = Date.UTC(2026, 5, 1);
    db = createDatabase({
      dir: tmp.dir,
      now: () => now,
      backups: { onClose: false },
      commandUsage: { batchSize: 10_000, flushIntervalMs: 0 },
    });
  });
  afterEach(async () => {
    await db.close();
    tmp.cleanup();
  });

  it('batches records in memory and flushes before commandStats', async () => {
    for (let i = 0; i < 1_500; i += 1) db.recordCommandUsage(i % 3 === 0 ? 'help' : 'ping');
    expect(db.stats().pendingUsageRecords).toBe(1_500);
    const rows = await db.main.selectFrom('command_stats').selectAll().execute();
    expect(rows).toEqual([]); // nothing written yet: batched
    now += 5_000;
    db.recordCommandUsage('help');
    expect(await db.commandStats()).toEqual([
      { name: 'ping', count: 1_000, lastUsed: new Date(now - 5_000) },
      { name: 'help', count: 501, lastUsed: new Date(now) },
    ]);
    expect(db.stats().pendingUsageRecords).toBe(0);
  });

  it('adds to existing counts and keeps the latest use', async () => {
    db.recordCommandUsage('ban');
    await db.commandStats();
    now -= 60_000; // a late record from an older clock must not move lastUsed back
    db.recordCommandUsage('ban');
    db.recordCommandUsage('ban');
    expect(await db.commandStats()).toEqual([
      { name: 'ban', count: 3, lastUsed: new Date(now + 60_000) },
    ]);
  });

  it('flushes on its own once batchSize records are pending', async () => {
    const own = tempDir('usage-small');
    const small = createDatabase({
      dir: own.dir,
      backups: { onClose: false },
      commandUsage: { batchSize: 100, flushIntervalMs: 0 },
    });
    for (let i = 0; i < 99; i += 1) small.recordCommandUsage('ping');
    small.recordCommandUsage('pong'); // the 100th record triggers the flush
    // Read the table directly (commandStats would flush by itself).
    await vi.waitFor(
      async () => {
        const rows = await small.main
          .selectFrom('command_stats')
          .select(['name', 'count'])
          .execute();
        expect(rows.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
          { name: 'ping', count: 99 },
          { name: 'pong', count: 1 },
        ]);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(small.stats().pendingUsageRecords).toBe(0);
    await small.close();
    own.cleanup();
  });

  it('writes pending records on close', async () => {
    db.recordCommandUsage('kick');
    await db.close();
    db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    expect((await db.commandStats()).map((s) => [s.name, s.count])).toEqual([['kick', 1]]);
  });

  it('rejects empty names and use after close', async () => {
    expect(() => db.recordCommandUsage('')).toThrow(
      expect.objectContaining({ code: 'ZRX_DB_INPUT' }),
    );
    await db.close();
    expect(() => db.recordCommandUsage('x')).toThrow(
      expect.objectContaining({ code: 'ZRX_DB_CLOSED' }),
    );
  });

  it('puts a failed batch back so the next flush writes it', async () => {
    const batches: PendingUsage[][] = [];
    let fail = true;
    const errors: unknown[] = [];
    const batcher = new CommandUsageBatcher({
      batchSize: 1_000,
      flushIntervalMs: 0,
      now: () => 1,
      write: async (batch) => {
        if (fail) throw new Error('disk full');
        batches.push(batch);
      },
      onError: (e) => errors.push(e),
    });
    batcher.record('a');
    batcher.record('a');
    await expect(batcher.flush()).rejects.toThrow('disk full');
    batcher.record('a');
    expect(batcher.pending).toBe(3);
    fail = false;
    await batcher.flush();
    expect(batches).toEqual([[{ name: 'a', count: 3, lastUsed: 1 }]]);
    batcher.stop();
  });
});
