// Settings read latency, SQLite beside PostgreSQL, in one run: a guild_settings-shaped table
// (key → value) read by key through @zoryx/db, uncached (a query per read) and cached (the
// framework's settings cache is a per-process map in front of either backend: measured here as
// a Map in front of the same query, so its hit cost is the same on both backends).
// Needs ZORYX_TEST_DATABASE_URL (a superuser URL: a database is created and dropped).
//   node bench/settings-read.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@zoryx/db';

const url = process.env.ZORYX_TEST_DATABASE_URL;
if (!url)
  throw new TypeError('Set ZORYX_TEST_DATABASE_URL (eval "$(bash scripts/services.sh start)").');
const READS = Number(process.env.BENCH_READS ?? 5_000);
const GUILDS = 50;
const PSQL = process.env.PSQL ?? '/usr/lib/postgresql/15/bin/psql';
const name = `zoryx_bench_${process.pid}`;
execFileSync(PSQL, [url, '-qc', `create database ${name}`]);
const pgUrl = new URL(url);
pgUrl.pathname = `/${name}`;
const dir = mkdtempSync(join(tmpdir(), 'zoryx-bench-settings-'));

const migrations = {
  '0001_settings': {
    up: (db) =>
      db.schema
        .createTable('bench_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute(),
  },
};
const guildId = (n) => String(100_000_000_000_000_000n + BigInt(n));

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(db) {
  await db.registerMigrations('bench', 'guild', migrations);
  for (let g = 0; g < GUILDS; g += 1) {
    await (await db.guild(guildId(g)))
      .insertInto('bench_settings')
      .values({ key: 'prefix', value: '!' })
      .execute();
  }
  const read = async (g) =>
    (await db.guild(guildId(g)))
      .selectFrom('bench_settings')
      .select('value')
      .where('key', '=', 'prefix')
      .executeTakeFirst();
  const cache = new Map();
  const cached = async (g) => {
    const hit = cache.get(g);
    if (hit !== undefined) return hit;
    const value = await read(g);
    cache.set(g, value);
    return value;
  };
  const result = {};
  for (const [label, fn] of [
    ['uncached', read],
    ['cached', cached],
  ]) {
    const times = [];
    for (let i = 0; i < READS; i += 1) {
      const start = performance.now();
      await fn(i % GUILDS);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    result[label] = { p50: percentile(times, 50), p99: percentile(times, 99) };
  }
  await db.close();
  return result;
}

try {
  const sqlite = await measure(createDatabase({ dir, backups: { onClose: false } }));
  const postgres = await measure(
    createDatabase({ dialect: 'postgres', connectionString: pgUrl.toString() }),
  );
  const f = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  console.log(`settings reads: ${READS} per row, ${GUILDS} guilds, ${new Date().toISOString()}`);
  for (const [backend, r] of [
    ['SQLite', sqlite],
    ['PostgreSQL', postgres],
  ]) {
    console.log(
      `${backend.padEnd(10)} uncached p50 ${f(r.uncached.p50)} p99 ${f(r.uncached.p99)} | cached p50 ${f(r.cached.p50)} p99 ${f(r.cached.p99)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  execFileSync(PSQL, [url, '-qc', `drop database if exists ${name} with (force)`]);
}
