// Measuring aid (not part of a deployed bot), shared by the bench's bot children: the bot
// thread's event-loop delay, a fresh monitor per phase ({ loop: 'start' | 'stop', kind };
// re-enabling one monitor would count the gap between phases), answered on { loop: 'read' } as
// { loopDelay: { idle, open }, gc }: the worst phase's p99 and max, ms; gc: see gcMonitor.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/**
 * Garbage collection of this thread's isolate while a phase is measured ({ loop: 'start' | 'stop',
 * kind }), summed per condition: pauses, total and longest pause (ms), the pauses of 2 ms or more
 * (each one a turn no request on this loop can be answered in), scavenges and mark-sweeps.
 */
export function gcMonitor() {
  const totals = {};
  let kind;
  const observer = new PerformanceObserver((list) => {
    if (!kind) return;
    totals[kind] ??= {
      pauses: 0,
      totalMs: 0,
      maxMs: 0,
      atLeast2Ms: 0,
      scavenges: 0,
      markSweeps: 0,
    };
    const t = totals[kind];
    for (const entry of list.getEntries()) {
      t.pauses += 1;
      // detail.kind: 1 scavenge (young generation), 2 mark-sweep-compact (whole heap).
      if (entry.detail?.kind === 1) t.scavenges += 1;
      if (entry.detail?.kind === 2) t.markSweeps += 1;
      t.totalMs = Number((t.totalMs + entry.duration).toFixed(2));
      t.maxMs = Math.max(t.maxMs, Number(entry.duration.toFixed(2)));
      if (entry.duration >= 2) t.atLeast2Ms += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    phase: (name, on) => {
      kind = on ? name : undefined;
    },
    read: () => totals,
  };
}

/** Returns the handler of the bench's loop messages; `reply` sends the answer back. */
export function loopMonitor(reply) {
  const worst = { idle: { p99Ms: 0, maxMs: 0 }, open: { p99Ms: 0, maxMs: 0 } };
  let monitor;
  const gc = gcMonitor();
  const ms = (ns) => Number((ns / 1e6).toFixed(2));
  return (message) => {
    if (message?.loop === 'start') {
      monitor = monitorEventLoopDelay({ resolution: 1 });
      monitor.enable();
      gc.phase(message.kind, true);
    }
    if (message?.loop === 'stop' && monitor && typeof message.kind === 'string') {
      monitor.disable();
      gc.phase(message.kind, false);
      // Any phase name (idle, open, nicedIdle, nicedOpen): the worst phase of each.
      worst[message.kind] ??= { p99Ms: 0, maxMs: 0 };
      const w = worst[message.kind];
      w.p99Ms = Math.max(w.p99Ms, ms(monitor.percentile(99)));
      w.maxMs = Math.max(w.maxMs, ms(monitor.max));
    }
    if (message?.loop === 'read') reply({ loopDelay: worst, gc: gc.read() });
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
