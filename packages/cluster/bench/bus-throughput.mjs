// Bus throughput end to end on one loopback Redis, in one run, same topology for both:
// one publisher (this process, pipelines of BATCH XADDs, as a gateway flushes a turn) and
// CONSUMERS consumer processes (as workers), measured from the first publish until every event
// was handled AND acknowledged (XPENDING 0).
//   - raw: ioredis streams by hand (XADD, XREADGROUP COUNT, JSON.parse, XACK per batch): the peer.
//   - bus: @zoryx/cluster's EventBus (XADD MAXLEN~, consumer group, wire decode, idempotency
//     records for claimed entries only, in-flight entries held, XACK per batch).
// Needs the built package and ZORYX_TEST_REDIS_URL. One command (from packages/cluster):
//   node bench/bus-throughput.mjs            BENCH_EVENTS (default 200000), BENCH_CONSUMERS (3)
import { fork } from 'node:child_process';
import { EventBus } from '@zoryx/cluster';
import { Redis } from 'ioredis';

const url = process.env.ZORYX_TEST_REDIS_URL ?? process.env.ZORYX_REDIS_URL;
if (!url)
  throw new TypeError('Set ZORYX_TEST_REDIS_URL (eval "$(bash scripts/services.sh start)").');
const N = Number(process.env.BENCH_EVENTS ?? 200_000);
const CONSUMERS = Number(process.env.BENCH_CONSUMERS ?? 3);
const BATCH = 500;
const payload = {
  id: '1',
  type: 2,
  data: { name: 'echo', options: [{ name: 'text', value: 'hello' }] },
};

// ---- consumer process: `node bus-throughput.mjs consume raw|bus <key> <name>` ----
if (process.argv[2] === 'consume') {
  const [, , , kind, key, name] = process.argv;
  const redis = new Redis(url);
  let handled = 0;
  const report = setInterval(() => process.send({ handled }), 50);
  process.on('message', async () => {
    stopping = true;
    await bus?.stop();
    clearInterval(report);
    process.send({ handled, final: true }, () => process.exit(0));
  });
  let stopping = false;
  let bus;
  if (kind === 'bus') {
    bus = new EventBus({ redis, prefix: key, consumer: name, batch: BATCH, blockMs: 100 });
    await bus.consume((event) => {
      if (event.data) handled += 1;
    });
    process.send({ ready: true });
  } else {
    const reader = redis.duplicate();
    process.send({ ready: true });
    while (!stopping) {
      const reply = await reader.xreadgroup(
        ...['GROUP', 'g', name, 'COUNT', BATCH, 'BLOCK', 100, 'STREAMS', key, '>'],
      );
      if (!reply) continue;
      const ids = [];
      for (const [id, fields] of reply[0][1]) {
        JSON.parse(fields[1]);
        ids.push(id);
      }
      handled += ids.length;
      await redis.xack(key, 'g', ...ids);
    }
  }
} else {
  await main();
}

function startConsumers(kind, key) {
  const children = [];
  const counts = new Array(CONSUMERS).fill(0);
  const ready = [];
  for (let n = 0; n < CONSUMERS; n += 1) {
    const child = fork(import.meta.filename, ['consume', kind, key, `c${n}`]);
    ready.push(
      new Promise((resolve) =>
        child.on('message', (m) => {
          if (m.ready) resolve();
          if (m.handled !== undefined) counts[n] = m.handled;
        }),
      ),
    );
    children.push(child);
  }
  return { children, counts, ready: Promise.all(ready) };
}

async function stopConsumers(children) {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          child.on('exit', resolve);
          child.send('stop');
        }),
    ),
  );
}

async function run(redis, kind) {
  const key = `bench:${kind}:${Date.now()}`;
  const stream = kind === 'raw' ? key : `${key}:events`;
  await redis.xgroup('CREATE', stream, kind === 'raw' ? 'g' : 'workers', '0', 'MKSTREAM');
  const { children, counts, ready } = startConsumers(kind, key);
  await ready;
  const publisher = kind === 'bus' ? new EventBus({ redis, prefix: key, consumer: 'gw' }) : null;
  const start = performance.now();
  for (let at = 0; at < N; at += BATCH) {
    const size = Math.min(BATCH, N - at);
    if (publisher) {
      const events = [];
      for (let i = at; i < at + size; i += 1)
        events.push({ id: `0:s:${i}`, type: 'INTERACTION_CREATE', shardId: 0, data: payload });
      await publisher.publish(events);
    } else {
      const p = redis.pipeline();
      for (let i = 0; i < size; i += 1) p.xadd(stream, '*', 'd', JSON.stringify(payload));
      await p.exec();
    }
  }
  const sum = () => counts.reduce((a, b) => a + b, 0);
  const pending = async () =>
    Number((await redis.xpending(stream, kind === 'raw' ? 'g' : 'workers'))[0]);
  while (sum() < N || (await pending()) > 0) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - start;
  await stopConsumers(children);
  const handled = sum();
  await redis.del(stream);
  return { perSecond: (N / ms) * 1000, handled, spread: counts.join('/') };
}

async function main() {
  const redis = new Redis(url);
  const raw = await run(redis, 'raw');
  const bus = await run(redis, 'bus');
  const r = (x) => Math.round(x).toLocaleString('en');
  console.log(
    `${new Date().toISOString()} events: ${N}, publisher pipelines of ${BATCH}, ${CONSUMERS} consumer processes, end to end (published → handled → acked)`,
  );
  console.log(
    `raw ioredis streams (peer):      ${r(raw.perSecond)} events/s (handled ${raw.handled}, ${raw.spread})`,
  );
  console.log(
    `@zoryx/cluster EventBus:         ${r(bus.perSecond)} events/s = ${(bus.perSecond / raw.perSecond).toFixed(2)}× raw (handled ${bus.handled} of ${N}, ${bus.spread})`,
  );
  redis.disconnect();
}
