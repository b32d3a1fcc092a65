// End-to-end command latency and throughput through the full stack (emulator gateway →
// discord.js → Sapphire → preconditions → handler → REST reply), Zoryx vs a plain SapphireClient
// (the peer), each bot in its own child process, measured from the emulator's side.
import { startEmulator } from '@zoryx/emulator';
import { botFolder, fmt, percentile, startBot, stopBot } from './harness.mjs';

const SEQUENTIAL = 1000;
const CONCURRENT_USERS = 50;
const TOTAL = 2000;

async function measure(kind) {
  const discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
  const guild = discord.createGuild({ name: 'Bench' });
  guild.createChannel({ name: 'general' });
  const users = Array.from({ length: CONCURRENT_USERS }, (_, i) => {
    const user = discord.createUser({ username: `user${i}` });
    guild.addMember(user);
    return user;
  });
  const env = kind === 'zoryx' ? { ZORYX_BENCH_DIR: await botFolder(1, 1) } : {};
  const bot = startBot(kind, discord, env);
  await bot.started;
  for (let i = 0; i < 200; i++) await users[0].slash(guild, 'ping').reply();
  const latencies = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t = performance.now();
    await users[i % users.length].slash(guild, 'ping').reply();
    latencies.push(performance.now() - t);
  }
  const concurrent = [];
  const t0 = performance.now();
  await Promise.all(
    users.map(async (user) => {
      for (let i = 0; i < TOTAL / users.length; i++) {
        const t = performance.now();
        await user.slash(guild, 'ping').reply();
        concurrent.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await stopBot(bot);
  await discord.close();
  return {
    kind,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: TOTAL / seconds,
    concurrentP99: percentile(concurrent, 99),
  };
}

const results = [];
for (const kind of ['sapphire', 'zoryx']) results.push(await measure(kind));
for (const r of results) {
  console.log(
    `${r.kind.padEnd(8)} sequential p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)} | ${CONCURRENT_USERS} users: ${r.perSecond.toFixed(0)} commands/s, p99 ${fmt(r.concurrentP99)}`,
  );
}
const [peer, ours] = results;
console.log(
  `ratio zoryx/sapphire: p50 ${(ours.p50 / peer.p50).toFixed(2)}x, p99 ${(ours.p99 / peer.p99).toFixed(2)}x, throughput ${(ours.perSecond / peer.perSecond).toFixed(2)}x`,
);
