// What the gateway's lease fence costs when it publishes: the same batches of dispatches
// appended to one stream (a) as before, a pipeline of XADD MAXLEN~ per batch, and (b) through
// FencedWrites.publish, one Lua script per batch that checks the shard lease and appends them
// (so a gateway that lost its lease cannot add an entry). Same process, same Redis, same run;
// publisher CPU from process.cpuUsage. Needs the built package and ZORYX_TEST_REDIS_URL.
// One command (from packages/cluster):
//   node bench/fenced-publish.mjs            BENCH_EVENTS (default 200000), BENCH_BATCH (500)
import { FencedWrites, ShardLeases, WIRE_VERSION } from '@zoryx/cluster';
import { Redis } from 'ioredis';

const url = process.env.ZORYX_TEST_REDIS_URL ?? process.env.ZORYX_REDIS_URL;
if (!url)
  throw new TypeError('Set ZORYX_TEST_REDIS_URL (eval "$(bash scripts/services.sh start)").');
const N = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const prefix = `bench:fence:${process.pid}`;
const redis = new Redis(url);
const leases = new ShardLeases({ redis, prefix, owner: 'bench', leaseMs: 60_000 });
await leases.acquire([0]);
const writes = new FencedWrites(redis, {
  owner: 'bench',
  leases: () => [{ key: leases.keyOf(0), shardId: 0 }],
});
const data = { id: '1', type: 2, data: { name: 'echo', options: [{ name: 'text', value: 'hi' }] } };
const batchOf = (start) =>
  Array.from({ length: BATCH }, (_, i) =>
    // The gateway's entry layout (bus/wire.ts encodeEntry, wire version 2: one field).
    [
      'e',
      `[${WIRE_VERSION},"0:s:${start + i}","INTERACTION_CREATE",0,${Date.now()},${JSON.stringify(data)}]`,
    ],
  );

async function run(label, publish) {
  const stream = `${prefix}:${label}`;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let n = 0; n < N; n += BATCH) await publish(stream, batchOf(n));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const length = await redis.xlen(stream);
  await redis.del(stream);
  return {
    label,
    events: length,
    perSecond: Math.round((N / ms) * 1000),
    cpuUsPerEvent: +((used.user + used.system) / N).toFixed(2),
  };
}

const pipeline = (stream, batch) => {
  const p = redis.pipeline();
  for (const fields of batch) p.xadd(stream, 'MAXLEN', '~', 1_000_000, '*', ...fields);
  return p.exec();
};
const fenced = (stream, batch) =>
  writes.publish(
    batch.map((fields) => ({ stream, fields })),
    1_000_000,
  );

// Warm both paths, then alternate so drift on a shared machine hits both.
await run('warm-pipeline', pipeline);
await run('warm-fenced', fenced);
const results = [];
for (let round = 0; round < 2; round += 1) {
  results.push(await run('pipeline', pipeline));
  results.push(await run('fenced', fenced));
}
const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim();
console.log(`${new Date().toISOString()} events ${N}, batches of ${BATCH}, load ${load}`);
for (const r of results) console.log(JSON.stringify(r));
const best = (label) =>
  Math.max(...results.filter((r) => r.label === label).map((r) => r.perSecond));
console.log(`fenced / pipeline (best of 2): ${(best('fenced') / best('pipeline')).toFixed(2)}`);
await leases.release();
redis.disconnect();
