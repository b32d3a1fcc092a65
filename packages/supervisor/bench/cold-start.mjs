// Process start → first reply to /ping with 200 commands: a bare SapphireClient, the Zoryx bot in
// one process (50 extensions), and the same bot supervised (the supervisor connects the gateway
// while the worker boots). The first boot of each compiles and registers; the later ones reuse.
import { botFolder, createWorld, fmt, median, startChild, stopChild } from './lib.mjs';

const BOOTS = Number(process.env.ZORYX_BENCH_BOOTS ?? '3');

async function boot(kind, world, env) {
  const bot = startChild(kind, world.discord, env);
  await bot.started;
  await world.discord.waitFor(() => world.discord.commands().some((c) => c.name === 'ping'));
  await world.users[0].slash(world.guild, 'ping').reply();
  const firstReply = performance.now() - bot.t0;
  const started = bot.events.find((m) => m.event === 'worker_started')?.payload;
  await stopChild(bot);
  return { firstReply, workerSpawnToReady: started?.spawnToReadyMs };
}

async function scenario(label, kind, env) {
  const world = await createWorld();
  const first = await boot(kind, world, env);
  const later = [];
  for (let i = 0; i < BOOTS; i++) later.push(await boot(kind, world, env));
  await world.discord.close();
  const worker = (r) =>
    r.workerSpawnToReady === undefined
      ? ''
      : ` (worker spawn → ready ${fmt(r.workerSpawnToReady)})`;
  console.log(
    `${label.padEnd(40)} first boot ${fmt(first.firstReply)}${worker(first)} | later boots median ${fmt(median(later.map((r) => r.firstReply)))} (${later.map((r) => fmt(r.firstReply)).join(', ')})${worker(later[later.length - 1])}`,
  );
}

const dir = await botFolder(50, 200);
await scenario('sapphire (bare), 200 commands', 'sapphire-bare', { ZORYX_BENCH_COMMANDS: '200' });
await scenario('zoryx single process, 50 ext / 200 cmds', 'zoryx-single', { ZORYX_BENCH_DIR: dir });
await scenario('zoryx supervised, 50 ext / 200 cmds', 'zoryx-supervised', { ZORYX_BENCH_DIR: dir });
