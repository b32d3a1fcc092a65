// What sharing the intake limits and cooldowns costs a command: the framework's counter checked
// in process (the default, synchronous) beside the same check through RedisRateStore (what a
// cluster worker does), in one run. Sequential checks (the latency a command waits), then 200
// in flight at once (what a busy worker sustains). The framework's CooldownTracker is measured:
// the intake limiter goes through the same shared-window code.
// Needs ZORYX_TEST_REDIS_URL and the built framework and cluster.
//   node bench/shared-limits.mjs            (BENCH_CHECKS=20000 by default)
import { loadavg } from 'node:os';
import { RedisRateStore } from '@zoryx/cluster';
import { CooldownTracker } from '@zoryx/framework/internals';
import { Redis } from 'ioredis';

const url = process.env.ZORYX_TEST_REDIS_URL;
if (!url) throw new TypeError('Set ZORYX_TEST_REDIS_URL (eval "$(bash scripts/services.sh env)").');
const CHECKS = Number(process.env.BENCH_CHECKS ?? 20_000);
const USERS = 1_000;
const rule = { limit: 1_000_000, windowMs: 60_000 };
const prefix = `zbench:limits:${process.pid}`;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function sequential(tracker) {
  const times = new Float64Array(CHECKS);
  const cpu = process.cpuUsage();
  for (let n = 0; n < CHECKS; n += 1) {
    const started = performance.now();
    const answer = tracker.check('daily', `u${n % USERS}`, rule);
    if (answer instanceof Promise) await answer;
    times[n] = performance.now() - started;
  }
  const used = process.cpuUsage(cpu);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50Us: Math.round(percentile(sorted, 50) * 1000),
    p99Us: Math.round(percentile(sorted, 99) * 1000),
    cpuUsPerCheck: Math.round((used.user + used.system) / CHECKS),
  };
}

async function inFlight(tracker, width = 200) {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < CHECKS) {
      const n = next++;
      await tracker.check('daily', `u${n % USERS}`, rule);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return { checksPerSecond: Math.round(CHECKS / ((performance.now() - started) / 1000)) };
}

const redis = new Redis(url);
await redis.ping();
const local = new CooldownTracker();
const shared = new CooldownTracker();
shared.useStore(new RedisRateStore({ redis, prefix }));
// Warm both (JIT, the script load).
for (let n = 0; n < 500; n += 1) {
  local.check('warm', `u${n}`, rule);
  await shared.check('warm', `u${n}`, rule);
}
const results = {
  load: loadavg()
    .map((l) => l.toFixed(2))
    .join(' '),
  checks: CHECKS,
  inProcess: { ...(await sequential(local)), ...(await inFlight(local)) },
  redis: { ...(await sequential(shared)), ...(await inFlight(shared)) },
};
const keys = await redis.keys(`${prefix}:*`);
if (keys.length > 0) await redis.del(...keys);
redis.disconnect();
console.log(JSON.stringify(results, null, 2));
