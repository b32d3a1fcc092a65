// 10,000 guild databases behind 64 handles. The scenario numbers (p50/p99 per call, setup time)
// are printed as a table before vitest's own bench table; `bench()` entries compare the hot
// paths against their peer in the same run. The data layer owns no guild table, so every read
// is of the tests' `test_notes` table (src/testing/notes-table.ts).
// GUILDS=2000 npx vitest bench --run   to try a smaller set.
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, bench, describe } from 'vitest';
import { createDatabase, type ZoryxDatabase } from '../src/index.js';
import { useNotes } from '../src/testing/notes-table.js';
import { buildGuilds, guildId, openPeer, summarize, timeEach } from './scale.js';

const GUILDS = Number(process.env.GUILDS ?? 10_000);
const HANDLES = 64;
const results: Record<string, string | number>[] = [];
const row = (scenario: string, numbers: Record<string, number>, note = '') =>
  results.push({
    scenario,
    ...Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, Number(v.toFixed(1))])),
    note,
  });

/** One guild's notes: what a settings read of a layer above costs without its cache. */
async function readNotes(db: ZoryxDatabase, id: string) {
  return (await db.guild(id)).selectFrom('test_notes').select(['key', 'value']).execute();
}

const { dir, setupMs } = await buildGuilds(GUILDS);
row(`setup: ${GUILDS} guild files`, { ms: setupMs }, '1 created via API + file copies');

const db = createDatabase({ dir, maxOpenGuilds: HANDLES, backups: { onClose: false } });
await useNotes(db);

// Cold open: every guild's first use opens its file and checks its migrations (LRU churn: only
// 64 stay open), then reads its rows. The peer (kysely's SqliteDialect: open + WAL pragmas + the
// same read + destroy) runs interleaved on every 5th guild, so both see the same machine load.
const coldSamples: number[] = [];
const peerSamples: number[] = [];
for (let i = 0; i < GUILDS; i += 1) {
  let start = process.hrtime.bigint();
  await readNotes(db, guildId(i));
  coldSamples.push(Number(process.hrtime.bigint() - start) / 1_000);
  // The peer opens a guild we have not opened yet (and so is not held open by our pool, which
  // would spare it creating the -wal/-shm files).
  const ahead = i + 2 * HANDLES;
  if (i % 5 !== 0 || ahead >= GUILDS) continue;
  start = process.hrtime.bigint();
  const peer = openPeer(join(dir, 'guilds', `${guildId(ahead)}.db`));
  await peer.selectFrom('test_notes').select(['key', 'value']).execute();
  await peer.destroy();
  peerSamples.push(Number(process.hrtime.bigint() - start) / 1_000);
}
const cold = summarize(coldSamples);
row('cold open + migrate check + row read (µs)', cold, `${db.stats().evictions} evictions`);
row('peer: open + query + close, kysely SqliteDialect (µs)', summarize(peerSamples));

// Brand-new databases: create the file and run the registered migrations; the peer creates a
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
    .createTable('test_notes')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await peer.destroy();
  createdPeer.push(Number(process.hrtime.bigint() - start) / 1_000);
}
const created = summarize(createdSamples);
row('cold create + migrate new db (µs)', created);
row('peer: create db + table, kysely SqliteDialect (µs)', summarize(createdPeer));

// Warm handle: a query on one of the 64 open handles.
for (let i = 0; i < HANDLES; i += 1) await db.guild(guildId(i));
const hot = await timeEach(20_000, (i) => readNotes(db, guildId(i % HANDLES)));
row('warm row read, open handle (µs)', hot);
const peerOpen = openPeer(join(dir, 'guilds', `${guildId(0)}.db`));
const peerHot = await timeEach(20_000, () =>
  peerOpen.selectFrom('test_notes').select(['key', 'value']).execute(),
);
row('peer: same query, kysely SqliteDialect, open (µs)', peerHot);

console.table(results);

afterAll(async () => {
  await peerOpen.destroy();
  await db.close();
});

describe('warm row read (one guild of 64 open)', () => {
  bench('@zoryx/db guild(id) + select (pooled handle)', async () => {
    await readNotes(db, guildId(7));
  });
  bench('peer: kysely SqliteDialect select on an open connection', async () => {
    await peerOpen.selectFrom('test_notes').select(['key', 'value']).execute();
  });
});

describe('typed query on a pooled guild handle', () => {
  bench('@zoryx/db guild(id) + select 1', async () => {
    const guild = await db.guild(guildId(3));
    await sql`select 1`.execute(guild);
  });
  bench('peer: kysely SqliteDialect select 1', async () => {
    await sql`select 1`.execute(peerOpen);
  });
});
