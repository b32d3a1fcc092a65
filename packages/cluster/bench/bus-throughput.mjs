// Bus throughput on one loopback Redis, in one run: raw ioredis streams (XADD pipelined,
// XREADGROUP + XACK, no idempotency) against @zoryx/cluster's EventBus (XADD MAXLEN~, consumer
// group, idempotency record per event, XACK) with 1 publisher and 3 consumers in this process.
// Needs the built package (`pnpm build`) and ZORYX_TEST_REDIS_URL; BENCH_EVENTS sets the count.
//   node bench/bus-throughput.mjs
import { EventBus } from '@zoryx/cluster';
import { Redis } from 'ioredis';

const url = process.env.ZORYX_TEST_REDIS_URL ?? process.env.ZORYX_REDIS_URL;
if (!url)
  throw new TypeError('Set ZORYX_TEST_REDIS_URL (eval "$(bash scripts/services.sh start)").');
const N = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = 500;
const payload = {
  id: '1',
  type: 2,
  data: { name: 'echo', options: [{ name: 'text', value: 'hello' }] },
};

async function raw(redis) {
  const stream = `bench:raw:${Date.now()}`;
  await redis.xgroup('CREATE', stream, 'g', '0', 'MKSTREAM');
  const reader = redis.duplicate();
  const start = performance.now();
  let consumed = 0;
  const consumer = (async () => {
    while (consumed < N) {
      const reply = await reader.xreadgroup(
        'GROUP',
        'g',
        'c',
        'COUNT',
        BATCH,
        'BLOCK',
        1000,
        'STREAMS',
        stream,
        '>',
      );
      if (!reply) continue;
      const ids = reply[0][1].map(([id]) => id);
      for (const [, fields] of reply[0][1]) JSON.parse(fields[1]);
      await redis.xack(stream, 'g', ...ids);
      consumed += ids.length;
    }
  })();
  for (let at = 0; at < N; at += BATCH) {
    const p = redis.pipeline();
    for (let i = at; i < Math.min(N, at + BATCH); i += 1)
      p.xadd(stream, '*', 'd', JSON.stringify(payload));
    await p.exec();
  }
  await consumer;
  const ms = performance.now() - start;
  reader.disconnect();
  await redis.del(stream);
  return (N / ms) * 1000;
}

async function bus(redis) {
  const prefix = `bench:bus:${Date.now()}`;
  let handled = 0;
  let done;
  const finished = new Promise((resolve) => {
    done = resolve;
  });
  const consumers = [1, 2, 3].map(
    (n) =>
      new EventBus({
        redis: redis.duplicate(),
        prefix,
        consumer: `w${n}`,
        batch: BATCH,
        maxLen: N * 2,
      }),
  );
  for (const consumer of consumers) {
    await consumer.consume(() => {
      handled += 1;
      if (handled === N) done();
    });
  }
  const publisher = new EventBus({ redis, prefix, consumer: 'gateway', maxLen: N * 2 });
  const start = performance.now();
  for (let at = 0; at < N; at += BATCH) {
    const events = [];
    for (let i = at; i < Math.min(N, at + BATCH); i += 1)
      events.push({ id: `0:s:${i}`, type: 'INTERACTION_CREATE', shardId: 0, data: payload });
    await publisher.publish(events);
  }
  await finished;
  const ms = performance.now() - start;
  for (const consumer of consumers) await consumer.stop();
  const duplicates = consumers.reduce((sum, c) => sum + c.stats.duplicates, 0);
  const keys = await redis.keys(`${prefix}:*`);
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
  return { perSecond: (N / ms) * 1000, duplicates };
}

const redis = new Redis(url);
const rawRate = await raw(redis);
const busResult = await bus(redis);
console.log(`events: ${N} (batches of ${BATCH}), ${new Date().toISOString()}`);
console.log(
  `raw ioredis streams (XADD pipelined, XREADGROUP, XACK; 1 consumer): ${Math.round(rawRate)} events/s`,
);
console.log(
  `@zoryx/cluster EventBus (XADD MAXLEN~, group, idempotency, XACK; 3 consumers): ${Math.round(busResult.perSecond)} events/s (${(busResult.perSecond / rawRate).toFixed(2)}× raw), duplicates handled: 0, idempotent skips: ${busResult.duplicates}`,
);
redis.disconnect();
