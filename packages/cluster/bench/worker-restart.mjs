// Worker restart → serving: a gateway (this process) on the emulator, commands flowing, then
// ROUNDS times a new worker process is spawned (test/fixtures/role.mjs worker, the built
// packages) and timed from spawn to `ready` (bot started from the Redis snapshot, consuming)
// and to its first answered command. The peer in the same run: a bare `node` that only imports
// @zoryx/framework (the floor any worker process pays before doing anything).
// Needs the built packages and ZORYX_TEST_REDIS_URL (ZORYX_TEST_DATABASE_URL: workers on
// PostgreSQL, else SQLite). One command (from packages/cluster):
//   node bench/worker-restart.mjs            BENCH_ROUNDS (default 5)
import { execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGatewayRole } from '@zoryx/cluster';
import { startEmulator } from '@zoryx/emulator';

const redisUrl = process.env.ZORYX_TEST_REDIS_URL ?? process.env.ZORYX_REDIS_URL;
if (!redisUrl)
  throw new TypeError('Set ZORYX_TEST_REDIS_URL (eval "$(bash scripts/services.sh start)").');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures');
const prefix = `bench-restart-${Date.now()}`;

const discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 60_000 });
const guild = discord.createGuild({ name: 'Bench' });
const general = guild.createChannel({ name: 'general' });
const alice = discord.createUser({ username: 'alice' });
guild.addMember(alice);
const dir = await mkdtemp(join(tmpdir(), 'zoryx-restart-bench-'));
await mkdir(join(dir, 'extensions', 'echo'), { recursive: true });
await copyFile(join(FIXTURES, 'echo-extension.ts'), join(dir, 'extensions', 'echo', 'index.ts'));
await writeFile(
  join(dir, 'config.json'),
  JSON.stringify({
    logging: { file: false, level: 'warn' },
    autoReload: false,
    components: { statusRotation: false },
    commands: { echo: { cooldown: { limit: 1_000_000, windowSeconds: 1 } } },
    intake: { commandsPerUser: false, unknownCommandReplies: false },
  }),
);
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DISCORD_TOKEN: discord.token,
  ZORYX_DISCORD_API: discord.apiUrl,
  ZORYX_REDIS_URL: redisUrl,
  ZORYX_TEST_PREFIX: prefix,
  ...(process.env.ZORYX_TEST_DATABASE_URL
    ? { ZORYX_DATABASE_URL: process.env.ZORYX_TEST_DATABASE_URL }
    : {}),
};
const gateway = await startGatewayRole({ cwd: dir, redisUrl, prefix, env });

function spawnWorker() {
  const started = performance.now();
  const child = spawn(process.execPath, [join(FIXTURES, 'role.mjs'), 'worker', dir], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      if (chunk.toString().includes('ready')) resolve(performance.now() - started);
    });
    child.on('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return { child, started, ready };
}

function stopWorker(child) {
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

// Load while workers restart: one prefix command every 20 ms, answered by whoever serves.
let n = 0;
const load = setInterval(() => {
  alice
    .send(general, `!echo load-${n++}`)
    .reply({ timeout: 60_000 })
    .catch(() => undefined);
}, 20);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const readyMs = [];
const servingMs = [];
let current = spawnWorker();
await current.ready;
for (let round = 0; round < ROUNDS; round += 1) {
  const next = spawnWorker();
  // The old one stops as the new one boots (a rolling restart); serving is the new one's, so its
  // first answer is not waited for behind the old one's exit.
  const stopped = stopWorker(current.child);
  readyMs.push(await next.ready);
  // Serving: a command answered by the new process (its pid in the reply).
  for (;;) {
    const reply = await alice.send(general, `!echo probe-${round}`).reply({ timeout: 60_000 });
    if (reply.content.endsWith(`by ${next.child.pid}`)) break;
  }
  servingMs.push(performance.now() - next.started);
  await stopped;
  current = next;
}
clearInterval(load);
const importFloor = [];
for (let i = 0; i < 3; i += 1) {
  const t = performance.now();
  execFileSync(
    process.execPath,
    ['--input-type=module', '-e', "await import('@zoryx/framework')"],
    {
      cwd: import.meta.dirname,
    },
  );
  importFloor.push(performance.now() - t);
}
await stopWorker(current.child);
await gateway.close();
await discord.close();
await rm(dir, { recursive: true, force: true });
const r = (x) => `${Math.round(x)} ms`;
console.log(
  `${new Date().toISOString()} worker restart under load (1 command/20 ms), ${ROUNDS} rounds, ${env.ZORYX_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`,
);
console.log(
  `spawn → ready (consuming):         median ${r(median(readyMs))}, all ${readyMs.map(r).join(', ')}`,
);
console.log(
  `spawn → first command answered:    median ${r(median(servingMs))}, all ${servingMs.map(r).join(', ')}`,
);
console.log(`peer: node importing @zoryx/framework only: median ${r(median(importFloor))}`);
process.exit(0);
