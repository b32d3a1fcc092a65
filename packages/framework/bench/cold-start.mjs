// Process start → first reply, and application-command API calls made on boot, for Zoryx and
// a plain SapphireClient (the peer), fresh and on a restart with unchanged commands.
import { startEmulator } from '@zoryx/emulator';
import { botFolder, fmt, startBot, stopBot } from './harness.mjs';

async function boot(kind, discord, guild, user, env) {
  discord.clearRequests();
  const bot = startBot(kind, discord, env);
  await bot.started;
  await user.slash(guild, 'ping').reply();
  const firstReply = performance.now() - bot.t0;
  const calls = discord
    .requests()
    .filter((r) => r.route.includes('/applications/'))
    .map((r) => r.method);
  await stopBot(bot);
  return { firstReply, calls };
}

async function scenario(label, kind, extensions, commands) {
  const discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
  const guild = discord.createGuild({ name: 'Bench' });
  guild.createChannel({ name: 'general' });
  const user = discord.createUser({ username: 'user' });
  guild.addMember(user);
  const env =
    kind === 'zoryx'
      ? { ZORYX_BENCH_DIR: await botFolder(extensions, commands) }
      : { ZORYX_BENCH_COMMANDS: String(commands) };
  const fresh = await boot(kind, discord, guild, user, env);
  const restart = await boot(kind, discord, guild, user, env);
  await discord.close();
  const count = (calls) => `${calls.length} (${[...new Set(calls)].join('/') || '-'})`;
  console.log(
    `${label.padEnd(34)} fresh: first reply ${fmt(fresh.firstReply)}, calls ${count(fresh.calls)} | restart: first reply ${fmt(restart.firstReply)}, calls ${count(restart.calls)}`,
  );
}

await scenario('sapphire, 1 command', 'sapphire', 0, 1);
await scenario('zoryx, 1 extension / 1 command', 'zoryx', 1, 1);
await scenario('sapphire, 200 commands', 'sapphire', 0, 200);
await scenario('zoryx, 50 extensions / 200 commands', 'zoryx', 50, 200);
