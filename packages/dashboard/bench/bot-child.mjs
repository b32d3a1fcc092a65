// The bot as deployed with `zoryx start --no-supervise`: its own process, started from its folder
// (config.json, extensions/, node_modules/@zoryx/dashboard) with DISCORD_TOKEN and
// ZORYX_DISCORD_API in the environment; Discord (the emulator) and the dashboard's clients are
// elsewhere (dashboard-bench.ts). Plain node, no tsx (the framework loads the .ts extensions
// itself), as the supervisor benchmarks' children do. Prints one JSON line once ready and seeing
// ZORYX_BENCH_GUILDS guilds: { ready, url, probesUrl, loginLink, guilds, extensionsLoaded,
// failed }. Stops on the 'stop' IPC message; loop messages: see loop-monitor.mjs.
import { createBot } from '@zoryx/framework';
import { announceReady, loopMonitor } from './loop-monitor.mjs';

const bot = await createBot({
  cwd: process.env.ZORYX_BENCH_DIR,
  // The emulator's discord.js options (rest.api, no client-side global throttle: interaction
  // callbacks are not globally limited on Discord either), passed as JSON by the bench.
  clientOptions: JSON.parse(process.env.ZORYX_BENCH_CLIENT_OPTIONS ?? '{}'),
  handleSignals: false,
  handleErrors: true,
});
const report = await bot.start();
await announceReady(bot, Number(process.env.ZORYX_BENCH_GUILDS ?? '1'), report.failed);
const onLoop = loopMonitor((answer) => process.send?.(answer));
// The bench went away (crashed or exited after a failed mode): do not outlive it.
process.on('disconnect', () => process.exit(1));
process.on('message', async (message) => {
  onLoop(message);
  if (message !== 'stop') return;
  await bot.shutdown('bench');
  process.exit(0);
});
