// Scenario helpers of db.bench.ts: building many guild databases, timing single calls, and
// the peer (kysely's own SqliteDialect over better-sqlite3) measured in the same run. The data
// layer owns no guild table, so the bench uses the tests' `test_notes` table.

import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createDatabase, type GuildTables } from '../src/index.js';
import { useNotes, writeNote } from '../src/testing/notes-table.js';

/** The `n`th benchmark guild id (18 digits). */
export const guildId = (n: number): string => String(200_000_000_000_000_000n + BigInt(n));

/** Percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** p50/p99/mean of microsecond samples. */
export function summarize(samples: number[]): { p50: number; p99: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean };
}

/** p50/p99/mean in microseconds of async calls, one timing per call. */
export async function timeEach(
  count: number,
  call: (i: number) => unknown,
): Promise<{
  p50: number;
  p99: number;
  mean: number;
}> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    await call(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1_000);
  }
  return summarize(samples);
}

/**
 * Creates `count` migrated guild databases under a fresh directory: one through the real API
 * (so it carries the `test_notes` migration and a row), copied to the others.
 */
export async function buildGuilds(count: number): Promise<{ dir: string; setupMs: number }> {
  const start = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'zoryx-db-bench-'));
  const seed = createDatabase({ dir, backups: { onClose: false } });
  await useNotes(seed);
  await writeNote(seed, guildId(0), 'prefix', '?');
  await seed.close();
  const template = join(dir, 'guilds', `${guildId(0)}.db`);
  for (let i = 1; i < count; i += 1)
    copyFileSync(template, join(dir, 'guilds', `${guildId(i)}.db`));
  return { dir, setupMs: performance.now() - start };
}

/** Peer: kysely's SqliteDialect on one better-sqlite3 connection, opened the usual way. */
export function openPeer(file: string): Kysely<GuildTables> {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return new Kysely<GuildTables>({ dialect: new SqliteDialect({ database }) });
}
