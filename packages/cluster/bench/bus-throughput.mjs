// Bus throughput end to end on one loopback Redis, in one run, same topology for every side:
// one publisher (this process, batches of BATCH events, as a gateway flushes a turn) and
// CONSUMERS consumer processes (as workers), measured from the first publish until every event
// was handled AND acknowledged (XPENDING 0).
//   - raw: ioredis streams by hand, the bare minimum (XADD of one field, no trimming,
//     XREADGROUP COUNT, JSON.parse, one XACK per batch): the issue's peer.
//   - rawlua: raw's entries and consumers, but each batch appended by one Lua script call
//     (EVALSHA, XADD per entry inside), as the bus and the gateway's fenced appends do: the
//     raw ceiling for the bus' publishing technique. No trimming.
//   - raw+: the bus done by hand, the peer doing the same work: rawlua's script, appending the
//     bus' entry (wire version 2: one field, [2, id, type, shard, at, payload] as JSON) and
//     trimming once per batch (XTRIM MAXLEN ~); its consumers JSON.parse that entry. No
//     idempotency records (the bus writes none for fresh deliveries either), no keep-alive of
//     slow entries, no validation of what it reads: bus / raw+ is the bus' own overhead.
//   - bus: @zoryx/cluster's EventBus (publish, consume: wire decode, idempotency records for
//     claimed entries only, in-flight entries held, acks batched per turn, trimming).
//   - gateway: what a gateway does: FencedWrites.publish (one script per batch that checks the
//     shard lease, then XADD MAXLEN ~ per entry) of wire-version-2 entries, EventBus consumers.
// Besides events/s (wall clock: inflated by other load), it reports CPU per event of the
// publisher, the consumers (sum) and Redis (INFO cpu: only meaningful on a Redis nobody else
// uses meanwhile), and Redis commands per event (INFO commandstats), which do not depend on load.
// Needs the built package and ZORYX_TEST_REDIS_URL. One command (from packages/cluster):
//   node bench/bus-throughput.mjs     BENCH_EVENTS (200000), BENCH_CONSUMERS (3), BENCH_ROUNDS (3)
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { EventBus, FencedWrites, ShardLeases, WIRE_VERSION } from '@zoryx/cluster';
import { Redis } from 'ioredis';

const url = process.env.ZORYX_TEST_REDIS_URL ?? process.env.ZORYX_REDIS_URL;
if (!url)
  throw new TypeError('Set ZORYX_TEST_REDIS_URL (eval "$(bash scripts/services.sh start)").');
const N = Number(process.env.BENCH_EVENTS ?? 200_000);
const CONSUMERS = Number(process.env.BENCH_CONSUMERS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 500;
const MAXLEN = 100_000; // the bus' default
const payload = {
  id: '1',
  type: 2,
  data: { name: 'echo', options: [{ name: 'text', value: 'hello' }] },
};
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// ---- consumer process: `node bus-throughput.mjs consume raw|raw+|rawlua|bus <key> <name>` ----
async function consume(kind, key, name) {
  const redis = new Redis(url);
  let handled = 0;
  let stopping = false;
  let bus;
  const report = setInterval(() => process.send({ handled }), 50);
  process.on('message', async () => {
    stopping = true;
    await bus?.stop();
    clearInterval(report);
    process.send({ handled, cpu: cpuMs() - startCpu, final: true }, () => process.exit(0));
  });
  const startCpu = cpuMs();
  if (kind === 'bus' || kind === 'gateway') {
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
        // raw: ['d', payload]; raw+: ['e', [2, id, type, shard, at, payload]].
        if (JSON.parse(fields[fields.length - 1])) ids.push(id);
      }
      handled += ids.length;
      await redis.xack(key, 'g', ...ids);
    }
  }
}

function startConsumers(kind, key) {
  const children = [];
  const counts = new Array(CONSUMERS).fill(0);
  const cpu = new Array(CONSUMERS).fill(0);
  const ready = [];
  for (let n = 0; n < CONSUMERS; n += 1) {
    const child = fork(import.meta.filename, ['consume', kind, key, `c${n}`]);
    ready.push(
      new Promise((resolve) =>
        child.on('message', (m) => {
          if (m.ready) resolve();
          if (m.handled !== undefined) counts[n] = m.handled;
          if (m.cpu !== undefined) cpu[n] = m.cpu;
        }),
      ),
    );
    children.push(child);
  }
  return { children, counts, cpu, ready: Promise.all(ready) };
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

/** Redis' own CPU (ms) and its command counts, from INFO. */
async function redisInfo(redis) {
  const cpuText = await redis.info('cpu');
  const field = (name) => Number(new RegExp(`${name}:([\\d.]+)`).exec(cpuText)?.[1] ?? 0);
  const calls = {};
  for (const [, name, count] of (await redis.info('commandstats')).matchAll(
    /cmdstat_([\w|]+):calls=(\d+)/g,
  ))
    calls[name] = Number(count);
  return { cpu: (field('used_cpu_user') + field('used_cpu_sys')) * 1000, calls };
}

// ARGV: maxLen (0: no trimming), field name, then one value per entry.
const RAW_SCRIPT = `for i = 3, #ARGV do redis.call('xadd', KEYS[1], '*', ARGV[2], ARGV[i]) end
if ARGV[1] ~= '0' then redis.call('xtrim', KEYS[1], 'MAXLEN', '~', ARGV[1]) end
return #ARGV`;

function publishRaw(redis, stream, kind, at, size) {
  if (kind === 'raw') {
    const p = redis.pipeline();
    for (let i = at; i < at + size; i += 1) p.xadd(stream, '*', 'd', JSON.stringify(payload));
    return p.exec();
  }
  if (kind === 'rawlua') {
    const args = [0, 'd'];
    for (let i = 0; i < size; i += 1) args.push(JSON.stringify(payload));
    return redis.rawAppend(stream, ...args);
  }
  const args = [MAXLEN, 'e'];
  const now = Date.now();
  for (let i = at; i < at + size; i += 1)
    args.push(`[2,"0:s:${i}","INTERACTION_CREATE",0,${now},${JSON.stringify(payload)}]`);
  return redis.rawAppend(stream, ...args);
}

async function run(redis, kind) {
  const key = `bench:${kind === 'raw+' ? 'rawplus' : kind}:${process.pid}:${Date.now()}`;
  const onBus = kind === 'bus' || kind === 'gateway';
  const stream = onBus ? `${key}:events` : key;
  const group = onBus ? 'workers' : 'g';
  await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  const { children, counts, cpu, ready } = startConsumers(kind, key);
  await ready;
  const publisher =
    kind === 'bus' ? new EventBus({ redis, prefix: key, consumer: 'gw', maxLen: MAXLEN }) : null;
  let fenced;
  let leases;
  if (kind === 'gateway') {
    leases = new ShardLeases({ redis, prefix: key, owner: 'gw', leaseMs: 600_000 });
    await leases.acquire([0]);
    fenced = new FencedWrites(redis, {
      owner: 'gw',
      leases: () => [{ key: leases.keyOf(0), shardId: 0 }],
    });
  }
  const before = await redisInfo(redis);
  const startCpu = cpuMs();
  const start = performance.now();
  for (let at = 0; at < N; at += BATCH) {
    const size = Math.min(BATCH, N - at);
    if (fenced) {
      // The gateway's entries (bus/wire.ts encodeEntry), built per dispatch as it does.
      const entries = [];
      const now = Date.now();
      for (let i = at; i < at + size; i += 1) {
        const e = `[${WIRE_VERSION},"0:s:${i}","INTERACTION_CREATE",0,${now},${JSON.stringify(payload)}]`;
        entries.push({ stream, fields: ['e', e] });
      }
      const outcome = await fenced.publish(entries, MAXLEN);
      if ('lost' in outcome) throw new Error('the bench lost its own lease');
    } else if (publisher) {
      const events = [];
      for (let i = at; i < at + size; i += 1)
        events.push({ id: `0:s:${i}`, type: 'INTERACTION_CREATE', shardId: 0, data: payload });
      await publisher.publish(events);
    } else await publishRaw(redis, stream, kind, at, size);
  }
  const publisherCpu = cpuMs() - startCpu;
  const sum = () => counts.reduce((a, b) => a + b, 0);
  const pending = async () => Number((await redis.xpending(stream, group))[0]);
  while (sum() < N || (await pending()) > 0) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - start;
  const after = await redisInfo(redis);
  await stopConsumers(children);
  const length = await redis.xlen(stream);
  await redis.del(stream);
  await leases?.release();
  const commands = {};
  for (const [name, count] of Object.entries(after.calls)) {
    const delta = count - (before.calls[name] ?? 0);
    // Under 1 per 2,000 events: another client of a shared Redis, not this run.
    if (delta / N >= 0.0005 && name !== 'info' && name !== 'xpending') commands[name] = delta / N;
  }
  return {
    kind,
    perSecond: (N / ms) * 1000,
    handled: sum(),
    spread: counts.join('/'),
    length,
    cpu: {
      publisher: (publisherCpu * 1000) / N,
      consumers: (cpu.reduce((a, b) => a + b, 0) * 1000) / N,
      redis: ((after.cpu - before.cpu) * 1000) / N,
    },
    commands,
  };
}

const fmt = (x) => Math.round(x).toLocaleString('en');
const us = (x) => x.toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function line(result, peers) {
  const { cpu, commands } = result;
  const perEvent = Object.entries(commands)
    .map(([name, n]) => `${name} ${n < 0.1 ? n.toFixed(4) : n.toFixed(2)}`)
    .join(', ');
  const against = ['raw', 'rawlua', 'raw+'].filter((k) => peers[k]);
  const ratios =
    (result.kind === 'bus' || result.kind === 'gateway') && against.length > 0
      ? ` = ${against.map((k) => `${(result.perSecond / peers[k].perSecond).toFixed(2)}× ${k}`).join(', ')}`
      : '';
  return `  ${result.kind.padEnd(6)} ${fmt(result.perSecond).padStart(7)} events/s${ratios} | CPU µs/event: publisher ${us(cpu.publisher)}, consumers ${us(cpu.consumers)}, redis ${us(cpu.redis)} | commands/event: ${perEvent} | handled ${result.handled} (${result.spread}), stream length after ${result.length}`;
}

async function main() {
  const redis = new Redis(url);
  redis.defineCommand('rawAppend', { lua: RAW_SCRIPT, numberOfKeys: 1 });
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(
    `${new Date().toISOString()} events: ${N}, batches of ${BATCH}, ${CONSUMERS} consumer processes, ${ROUNDS} rounds, end to end (published → handled → acked); load average ${load()}`,
  );
  const kinds = ['raw', 'rawlua', 'raw+', 'bus', 'gateway'].filter(
    (kind) => !process.env.BENCH_KINDS || process.env.BENCH_KINDS.split(',').includes(kind),
  );
  const all = Object.fromEntries(kinds.map((kind) => [kind, []]));
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Alternate the order so a load change does not always favour the same side.
    const order = round % 2 === 1 ? kinds : [...kinds].reverse();
    const results = {};
    for (const kind of order) results[kind] = await run(redis, kind);
    console.log(`round ${round} (load average ${load()})`);
    for (const kind of kinds) {
      all[kind].push(results[kind]);
      console.log(line(results[kind], results));
    }
  }
  const m = Object.fromEntries(
    Object.entries(all).map(([kind, rs]) => [kind, median(rs.map((r) => r.perSecond))]),
  );
  const ratio = (peer, side) =>
    median(all[side].map((r, i) => r.perSecond / all[peer][i].perSecond));
  const cpu = (kind) => {
    const total = (r) => r.cpu.publisher + r.cpu.consumers + r.cpu.redis;
    return us(median(all[kind].map(total)));
  };
  const pairs = [
    ['bus', 'raw'],
    ['bus', 'rawlua'],
    ['bus', 'raw+'],
    ['gateway', 'raw'],
    ['gateway', 'raw+'],
  ].filter(([side, peer]) => all[side] && all[peer]);
  console.log(
    `median of ${ROUNDS} rounds: ${kinds.map((k) => `${k} ${fmt(m[k])}`).join(', ')} events/s; ` +
      `${pairs.map(([side, peer]) => `${side}/${peer} ${ratio(peer, side).toFixed(2)}×`).join(', ')} (median of per-round ratios); ` +
      `CPU µs/event, all processes + Redis: ${kinds.map((k) => `${k} ${cpu(k)}`).join(', ')}; load average ${load()}`,
  );
  redis.disconnect();
}

if (process.argv[2] === 'consume') await consume(...process.argv.slice(3));
else await main();
