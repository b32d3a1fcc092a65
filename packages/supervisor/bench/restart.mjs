// Worker restarts of a supervised bot with 50 extensions / 200 commands: requested restarts
// (standby worker, then fresh threads), a crash, and a command blocking the loop, each timed until
// the bot answers again. The session's IDENTIFY count is reported (it must stay 1).
import { botFolder, createWorld, fmt, median, startChild, stopChild } from './lib.mjs';

const RESTARTS = Number(process.env.ZORYX_BENCH_RESTARTS ?? '5');
const BLOCKED_MS = 5_000;

const world = await createWorld({ channels: 1, users: 1 });
const [user] = world.users;
const [channel] = world.channels;
const ping = () => user.send(channel, '!ping').reply();
const bot = startChild('zoryx-supervised', world.discord, {
  ZORYX_BENCH_DIR: await botFolder(50, 200),
  ZORYX_BENCH_BLOCKED_MS: String(BLOCKED_MS),
});
await bot.started;
let nextId = 0;
const ask = (message, reply) => {
  const id = ++nextId;
  const answer = bot.waitFor((m) => m[reply] === id || m.id === id);
  bot.send({ ...message, id });
  return answer;
};
const standbyLoaded = async () => {
  for (;;) {
    const { stats } = await ask({ cmd: 'stats' }, 'stats');
    if (stats.standby?.loaded) return;
    await new Promise((r) => setTimeout(r, 100));
  }
};
const eventAfter = (event, after) => bot.waitFor((m) => m.event === event, after);
await ping();

async function requested(fresh) {
  const rows = [];
  for (let i = 0; i < RESTARTS; i++) {
    if (!fresh) await standbyLoaded();
    const t0 = performance.now();
    const started = eventAfter('worker_started', t0);
    const restartedEvent = eventAfter('worker_restarted', t0);
    await ask({ cmd: 'restart', fresh }, 'restarted');
    await ping();
    const firstReply = performance.now() - t0;
    const { payload } = await started;
    const { payload: restart } = await restartedEvent;
    rows.push({
      firstReply,
      startToReady: payload.startToReadyMs,
      // From the old worker ceasing to serve to the new one's start: its graceful shutdown.
      shutdown: restart.downtimeMs - payload.startToReadyMs,
      standby: payload.standby,
    });
  }
  return rows;
}

const standby = await requested(false);
const fresh = await requested(true);
await standbyLoaded();
let t0 = performance.now();
const crashed = eventAfter('worker_crashed', t0);
let restarted = eventAfter('worker_restarted', t0);
await user.send(channel, '!boom').reply();
const crash = await crashed;
const afterCrash = await restarted;
await ping();
const crashToReply = performance.now() - crash.at;

await standbyLoaded();
t0 = performance.now();
const stalled = eventAfter('worker_stalled', t0);
restarted = eventAfter('worker_restarted', t0);
user.send(channel, '!spin');
// Sent right behind the spinning command: it reaches the stuck worker, is never consumed, and is
// replayed to the replacement, so its reply marks "serving again" as a user sees it.
await ping();
const servingAgain = performance.now() - t0;
const stall = await stalled;
const afterStall = await restarted;

const identifies = world.discord.gateway.identifyCount;
await stopChild(bot);
await world.discord.close();

const summary = (rows, key) =>
  `median ${fmt(median(rows.map((r) => r[key])))} (${rows.map((r) => fmt(r[key])).join(', ')})`;
console.log(`50 extensions / 200 commands, ${RESTARTS} restarts each`);
for (const [label, rows] of [
  ['standby worker', standby],
  ['fresh thread', fresh],
]) {
  console.log(`requested restart, ${label}: request → first reply ${summary(rows, 'firstReply')}`);
  console.log(
    `  old worker's graceful shutdown ${summary(rows, 'shutdown')}; new worker start → ready ${summary(rows, 'startToReady')}`,
  );
}
console.log(
  `uncaught exception: crash → first reply ${fmt(crashToReply)} (downtime ${fmt(afterCrash.payload.downtimeMs)}, backoff ${fmt(afterCrash.payload.backoffMs)})`,
);
console.log(
  `blocked loop (limit ${BLOCKED_MS} ms): detected after ${fmt(stall.at - t0)} (watchdog: blocked ${fmt(stall.payload.blockedMs)}, activity ${stall.payload.activity}); serving again ${fmt(servingAgain)} after the command (limit + ${fmt(servingAgain - BLOCKED_MS)}); downtime ${fmt(afterStall.payload.downtimeMs)}`,
);
console.log(`IDENTIFYs over the whole run: ${identifies}`);
