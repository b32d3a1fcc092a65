// Measuring aid (not part of a deployed bot), shared by the bench's bot children: the bot
// thread's event-loop delay, a fresh monitor per phase ({ loop: 'start' | 'stop', kind };
// re-enabling one monitor would count the gap between phases), answered on { loop: 'read' } as
// { loopDelay: { idle, open } }: the worst phase's p99 and max, ms.
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Returns the handler of the bench's loop messages; `reply` sends the answer back. */
export function loopMonitor(reply) {
  const worst = { idle: { p99Ms: 0, maxMs: 0 }, open: { p99Ms: 0, maxMs: 0 } };
  let monitor;
  const ms = (ns) => Number((ns / 1e6).toFixed(2));
  return (message) => {
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
    if (message?.loop === 'read') reply({ loopDelay: worst });
  };
}

/** Waits until the bot's commands are synced and it sees `guilds` guilds, then prints its ready line. */
export async function announceReady(bot, guilds, failed) {
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
      failed,
    })}\n`,
  );
}
