// 10,000 guild databases behind 64 handles. The scenario numbers (p50/p99 per call, records/s,
// setup time) are printed as a table before vitest's own bench table; `bench()` entries compare
// the hot paths against their peers in the same run.
// GUILDS=2000 npx vitest bench --run   to try a smaller set.
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, bench, describe } from 'vitest';
import { createDatabase } from '../src/index.js';
import { buildGuilds, guildId, openPeer, perUseCounter, summarize, timeEach } from './scale.js';

const GUILDS = Number(process.env.GUILDS ?? 10_000);
const HANDLES = 64;
const results: Record<string, string | number>[] = [];
const row = (scenario: string, numbers: Record<string, number>, note = '') =>
  results.push({
    scenario,
    ...Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, Number(v.toFixed(1))])),
    note,
  });

const { dir, setupMs } = await buildGuilds(GUILDS);
row(`setup: ${GUILDS} guild files`, { ms: setupMs }, '1 created via API + file copies');

const db = createDatabase({ dir, maxOpenGuilds: HANDLES, backups: { onClose: false } });

// Cold open: every guild's first use opens its file and checks its migrations (LRU churn: only
// 64 stay open), measured through settings(), which also fills the settings cache. The peer
// (kysely's SqliteDialect: open + WAL pragmas + the same read + destroy) runs interleaved on
// every 5th guild, so both see the same machine load.
const coldSamples: number[] = [];
const peerSamples: number[] = [];
for (let i = 0; i < GUILDS; i += 1) {
  let start = process.hrtime.bigint();
  await db.settings(guildId(i)).get('prefix');
  coldSamples.push(Number(process.hrtime.bigint() - start) / 1_000);
  // The peer opens a guild we have not opened yet (and so is not held open by our pool, which
  // would spare it creating the -wal/-shm files).
  const ahead = i + 2 * HANDLES;
  if (i % 5 !== 0 || ahead >= GUILDS) continue;
  start = process.hrtime.bigint();
  const peer = openPeer(join(dir, 'guilds', `${guildId(ahead)}.db`));
  await peer.selectFrom('guild_settings').selectAll().execute();
  await peer.destroy();
  peerSamples.push(Number(process.hrtime.bigint() - start) / 1_000);
}
const cold = summarize(coldSamples);
row('cold open + migrate check + settings read (µs)', cold, `${db.stats().evictions} evictions`);
row('peer: open + query + close, kysely SqliteDialect (µs)', summarize(peerSamples));

// Brand-new databases: create the file and run the framework migrations; the peer creates a
// file with WAL and the same table through kysely's SqliteDialect (no migration bookkeeping).
const createdSamples: number[] = [];
const createdPeer: number[] = [];
for (let i = 0; i < 200; i += 1) {
  let start = process.hrtime.bigint();
  await db.guild(guildId(GUILDS + i));
  createdSamples.push(Number(process.hrtime.bigint() - start) / 1_000);
  start = process.hrtime.bigint();
  const peer = openPeer(join(dir, `peer-new-${i}.db`));
  await peer.schema
    .createTable('guild_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text')
    .addColumn('updated_at', 'integer')
    .execute();
  await peer.destroy();
  createdPeer.push(Number(process.hrtime.bigint() - start) / 1_000);
}
const created = summarize(createdSamples);
row('cold create + migrate new db (µs)', created);
row('peer: create db + table, kysely SqliteDialect (µs)', summarize(createdPeer));

// Warm: every guild's settings are cached (cache holds 10,000 by default).
const warm = await timeEach(GUILDS * 10, (i) => db.settings(guildId(i % GUILDS)).get('prefix'));
row('warm settings read, cached (µs)', warm, `${db.stats().settingsCache.size} cached guilds`);

// Warm handle, no settings cache: a query on one of the 64 open handles.
const uncached = createDatabase({
  dir,
  maxOpenGuilds: HANDLES,
  backups: { onClose: false },
  settings: { cacheSize: 1 },
});
for (let i = 0; i < HANDLES; i += 1) await uncached.guild(guildId(i));
const hot = await timeEach(20_000, (i) => uncached.settings(guildId(i % HANDLES)).get('prefix'));
row('warm settings read, open handle, no cache (µs)', hot);
const peerOpen = openPeer(join(dir, 'guilds', `${guildId(0)}.db`));
const peerHot = await timeEach(20_000, () =>
  peerOpen.selectFrom('guild_settings').select(['key', 'value']).execute(),
);
row('peer: same query, kysely SqliteDialect, open (µs)', peerHot);

// Batched command usage: 100,000 records in bursts of 500 with the event loop free in between
// (so the size-triggered flushes of 1,000 really run: ~100 transactions), then commandStats()
// (which flushes the rest). The time covers recording and every write.
const names = Array.from({ length: 50 }, (_, i) => `command-${i}`);
let start = performance.now();
for (let i = 0; i < 100_000; i += 1) {
  db.recordCommandUsage(names[i % names.length]!);
  if (i % 500 === 499) await new Promise(setImmediate);
}
const stats = await db.commandStats();
let seconds = (performance.now() - start) / 1_000;
row(
  'recordCommandUsage ×100,000, batched writes',
  { 'records/s': 100_000 / seconds },
  `${stats.length} commands`,
);
const counter = perUseCounter(join(dir, 'peer-usage.db'));
start = performance.now();
for (let i = 0; i < 20_000; i += 1) counter.record(names[i % names.length]!);
seconds = (performance.now() - start) / 1_000;
counter.close();
row('peer: one upsert per use (original) ×20,000', { 'records/s': 20_000 / seconds });

console.table(results);

afterAll(async () => {
  await peerOpen.destroy();
  await uncached.close();
  await db.close();
});

describe('warm settings read (one guild of 64 open)', () => {
  bench('@zoryx/db settings().get (cached)', async () => {
    await db.settings(guildId(7)).get('prefix');
  });
  let flip = 0;
  bench('@zoryx/db settings().get (uncached, pooled handle)', async () => {
    // Alternating guilds defeats the 1-entry cache: every read is a query.
    flip ^= 1;
    await uncached.settings(guildId(7 + flip)).get('prefix');
  });
  bench('peer: kysely SqliteDialect select on an open connection', async () => {
    await peerOpen.selectFrom('guild_settings').select(['key', 'value']).execute();
  });
});

describe('typed query on a pooled guild handle', () => {
  bench('@zoryx/db guild(id) + select', async () => {
    const guild = await db.guild(guildId(3));
    await sql`select 1`.execute(guild);
  });
  bench('peer: kysely SqliteDialect select', async () => {
    await sql`select 1`.execute(peerOpen);
  });
});
