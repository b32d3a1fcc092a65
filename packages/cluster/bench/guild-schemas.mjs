// What a schema per guild costs on PostgreSQL (the layout @zoryx/db uses): the first use of a
// guild (CREATE SCHEMA + the migrations of a two-table extension, under its advisory lock), a
// later use, and the catalog size per guild. BENCH_GUILDS sets the count (default 200).
//   node bench/guild-schemas.mjs
import { execFileSync } from 'node:child_process';
import { createDatabase } from '@zoryx/db';

const url = process.env.ZORYX_TEST_DATABASE_URL;
if (!url)
  throw new TypeError('Set ZORYX_TEST_DATABASE_URL (eval "$(bash scripts/services.sh start)").');
const GUILDS = Number(process.env.BENCH_GUILDS ?? 200);
const PSQL = process.env.PSQL ?? '/usr/lib/postgresql/15/bin/psql';
const name = `zoryx_bench_schemas_${process.pid}`;
execFileSync(PSQL, [url, '-qc', `create database ${name}`]);
const pgUrl = new URL(url);
pgUrl.pathname = `/${name}`;
const sql = (query) => execFileSync(PSQL, [pgUrl.toString(), '-Atc', query]).toString().trim();
const guildId = (n) => String(100_000_000_000_000_000n + BigInt(n));
try {
  const db = createDatabase({ dialect: 'postgres', connectionString: pgUrl.toString() });
  await db.registerMigrations('bench', 'guild', {
    '0001_tables': {
      async up(trx) {
        await trx.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text')
          .execute();
        await trx.schema
          .createTable('warnings')
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          .addColumn('user_id', 'text')
          .addColumn('at', 'integer')
          .execute();
      },
    },
  });
  await db.main.selectFrom('global_stats').selectAll().execute();
  const before = Number(sql('select pg_database_size(current_database())'));
  let start = performance.now();
  for (let g = 0; g < GUILDS; g += 1) await db.guild(guildId(g));
  const firstUse = (performance.now() - start) / GUILDS;
  start = performance.now();
  for (let g = 0; g < GUILDS; g += 1)
    await (await db.guild(guildId(g))).selectFrom('settings').selectAll().execute();
  const query = (performance.now() - start) / GUILDS;
  const after = Number(sql('select pg_database_size(current_database())'));
  const relations = Number(
    sql(
      "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname like 'zoryx_g_%'",
    ),
  );
  await db.close();
  console.log(`guild schemas: ${GUILDS} guilds, ${new Date().toISOString()}`);
  console.log(
    `first use (create schema + 2 tables + migration record): ${firstUse.toFixed(1)} ms per guild`,
  );
  console.log(`a query on a migrated guild (search_path switch included): ${query.toFixed(2)} ms`);
  console.log(
    `catalog: ${(relations / GUILDS).toFixed(0)} relations and ${((after - before) / GUILDS / 1024).toFixed(0)} KiB per guild`,
  );
} finally {
  execFileSync(PSQL, [url, '-qc', `drop database if exists ${name} with (force)`]);
}
