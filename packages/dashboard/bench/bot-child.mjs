// The bot as deployed: its own process, started from its folder (config.json, extensions/,
// node_modules/@zoryx/dashboard) with DISCORD_TOKEN and ZORYX_DISCORD_API in the environment;
// Discord (the emulator) and the dashboard's clients are elsewhere (dashboard-bench.ts).
// Plain node, no tsx (the framework loads the .ts extensions itself), as the supervisor
// benchmarks' children do. Prints one JSON line once ready and seeing ZORYX_BENCH_GUILDS guilds:
// { ready, url, probesUrl, loginLink, guilds, extensionsLoaded, failed }. Stops on the 'stop' IPC message.
// Measuring aid (not part of a deployed bot): its event-loop delay, a fresh monitor per phase
// ({ loop: 'start' | 'stop', kind }; re-enabling one monitor would count the gap between phases),
// sent back on { loop: 'read' } as { loopDelay: { idle, open } }: the worst phase's p99 and max, ms.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBot } from '@zoryx/framework';

const guilds = Number(process.env.ZORYX_BENCH_GUILDS ?? '1');
const bot = await createBot({
  cwd: process.env.ZORYX_BENCH_DIR,
  // The emulator's discord.js options (rest.api, no client-side global throttle: interaction
  // callbacks are not globally limited on Discord either), passed as JSON by the bench.
  clientOptions: JSON.parse(process.env.ZORYX_BENCH_CLIENT_OPTIONS ?? '{}'),
  handleSignals: false,
  handleErrors: true,
});
const report = await bot.start();
await bot.commandService.idle();
while (bot.guilds.cache.size < guilds) await new Promise((resolve) => setTimeout(resolve, 50));
const dashboard = bot.extensions.get('dashboard');
process.stdout.write(
  `${JSON.stringify({
    ready: true,
    url: dashboard?.url,
    probesUrl: dashboard?.probesUrl,
    loginLink: dashboard?.createLoginLink(process.env.ZORYX_BENCH_OWNER ?? ''),
    guilds: bot.guilds.cache.size,
    extensionsLoaded: bot.extensions.status().filter((s) => s.state === 'loaded').length,
    failed: report.failed,
  })}\n`,
);
const worst = { idle: { p99Ms: 0, maxMs: 0 }, open: { p99Ms: 0, maxMs: 0 } };
let monitor;
const ms = (ns) => Number((ns / 1e6).toFixed(2));
process.on('message', async (message) => {
  if (message?.loop === 'start') {
    monitor = monitorEventLoopDelay({ resolution: 1 });
    monitor.enable();
  }
  if (message?.loop === 'stop' && monitor && worst[message.kind]) {
    monitor.disable();
    const w = worst[message.kind];
    w.p99Ms = Math.max(w.p99Ms, ms(monitor.percentile(99)));
    w.maxMs = Math.max(w.maxMs, ms(monitor.max));
  }
  if (message?.loop === 'read') process.send?.({ loopDelay: worst });
  if (message !== 'stop') return;
  await bot.shutdown('bench');
  process.exit(0);
});
