import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Migration, type ZoryxDatabase } from '@zoryx/db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameworkData } from '../client/framework-data.js';
import { type PendingUsage, UsageBatcher } from './usage-batcher.js';

describe('command usage (real SQLite)', () => {
  let dir: string;
  let db: ZoryxDatabase;
  let data: FrameworkData;
  let now: number;

  const open = (usage: { batchSize?: number; flushIntervalMs?: number } = {}) => {
    db = createDatabase({ dir, now: () => now, backups: { onClose: false } });
    data = new FrameworkData({
      db,
      defaults: () => ({ prefix: '!', mentionPrefix: true, locale: null }),
      onError: (error) => {
        throw error;
      },
      usage: { batchSize: 10_000, flushIntervalMs: 0, ...usage },
      now: () => now,
    });
  };
  const rows = () =>
    db.main.selectFrom('command_stats').select(['name', 'count']).orderBy('name').execute();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zoryx-usage-'));
    now = Date.UTC(2026, 5, 1);
    open();
  });
  afterEach(async () => {
    await data.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('batches records in memory and flushes before commandStats', async () => {
    await data.register(); // the table exists from start, so it can be read directly
    for (let i = 0; i < 1_500; i += 1) data.usage.record(i % 3 === 0 ? 'help' : 'ping');
    expect(data.stats().pendingUsageRecords).toBe(1_500);
    expect(await rows()).toEqual([]); // nothing written yet: batched
    now += 5_000;
    data.usage.record('help');
    expect(await data.commandStats()).toEqual([
      { name: 'ping', count: 1_000, lastUsed: new Date(now - 5_000) },
      { name: 'help', count: 501, lastUsed: new Date(now) },
    ]);
    expect(data.stats().pendingUsageRecords).toBe(0);
  });

  it('creates command_stats on first use, without register()', async () => {
    data.usage.record('ban');
    expect(await data.commandStats()).toEqual([{ name: 'ban', count: 1, lastUsed: new Date(now) }]);
  });

  it('adds to existing counts and keeps the latest use', async () => {
    data.usage.record('ban');
    await data.commandStats();
    now -= 60_000; // a late record from an older clock must not move lastUsed back
    data.usage.record('ban');
    data.usage.record('ban');
    expect(await data.commandStats()).toEqual([
      { name: 'ban', count: 3, lastUsed: new Date(now + 60_000) },
    ]);
  });

  it('flushes on its own once batchSize records are pending', async () => {
    await data.close();
    await db.close();
    open({ batchSize: 100 });
    await data.register();
    for (let i = 0; i < 99; i += 1) data.usage.record('ping');
    data.usage.record('pong'); // the 100th record triggers the flush
    // Read the table directly (commandStats would flush by itself).
    await vi.waitFor(
      async () =>
        expect(await rows()).toEqual([
          { name: 'ping', count: 99 },
          { name: 'pong', count: 1 },
        ]),
      { timeout: 10_000, interval: 20 },
    );
    expect(data.stats().pendingUsageRecords).toBe(0);
  });

  it('writes pending records on close and ignores records after it', async () => {
    data.usage.record('kick');
    await data.close();
    data.usage.record('kick');
    await db.close();
    open();
    expect((await data.commandStats()).map((s) => [s.name, s.count])).toEqual([['kick', 1]]);
  });

  it('keeps the counts of a data directory whose command_stats the data layer created', async () => {
    await data.close();
    await db.close();
    // Before the framework owned it, the data layer created command_stats as owner `zoryx`.
    const legacy = createDatabase({ dir, backups: { onClose: false } });
    const table: Migration = {
      async up(trx) {
        await trx.schema
          .createTable('command_stats')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('last_used', 'integer', (c) => c.notNull())
          .execute();
      },
    };
    await legacy.registerMigrations('zoryx', 'main', { '0002_command_stats': table });
    await legacy.main
      .insertInto('command_stats')
      .values({ name: 'help', count: 41, last_used: 1 })
      .execute();
    await legacy.close();
    open();
    data.usage.record('help');
    expect((await data.commandStats()).map((s) => [s.name, s.count])).toEqual([['help', 42]]);
  });

  it('puts a failed batch back so the next flush writes it', async () => {
    const batches: PendingUsage[][] = [];
    let fail = true;
    const errors: unknown[] = [];
    const batcher = new UsageBatcher({
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
    expect(errors).toEqual([]);
    batcher.stop();
  });
});
