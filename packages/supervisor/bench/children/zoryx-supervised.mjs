// Child process: the supervisor, the bot in its worker thread. Forwards the supervisor's events
// to the benchmark and restarts the worker on request.
import './cpu-report.mjs';
import { startSupervisor } from '@zoryx/supervisor';
import { mark, reportMarks } from './phase-marks.mjs';

reportMarks();
mark('supervisorImported');

const quiet = () => undefined;
const supervisor = await startSupervisor({
  entry: new URL('./worker-entry.mjs', import.meta.url),
  handleSignals: false,
  watchdog: {
    ...(process.env.ZORYX_BENCH_BLOCKED_MS
      ? { blockedMs: Number(process.env.ZORYX_BENCH_BLOCKED_MS) }
      : {}),
    // ZORYX_BENCH_MEMORY_MB: the worker's heap limit (default: this process's own, as the supervisor's).
    ...(process.env.ZORYX_BENCH_MEMORY_MB
      ? { memoryMb: Number(process.env.ZORYX_BENCH_MEMORY_MB) }
      : {}),
  },
  logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
});
for (const event of ['worker_started', 'worker_stalled', 'worker_crashed', 'worker_restarted']) {
  supervisor.on(event, (payload) => process.send?.({ event, payload }));
}
mark('supervisorServing');
process.send?.({ started: true });
// Steady state begins once the standby worker has loaded (its module loading costs CPU).
const standbyPoll = setInterval(() => {
  if (supervisor.stats().standby?.loaded !== true) return;
  clearInterval(standbyPoll);
  process.send?.({ standbyLoaded: true });
}, 50);
process.on('message', async (m) => {
  if (m === 'stop') {
    await supervisor.close('bench');
    process.exit(0);
  }
  if (m?.cmd === 'restart') {
    await supervisor.restartWorker({ fresh: m.fresh === true });
    process.send?.({ restarted: m.id });
  }
  if (m?.cmd === 'stats') process.send?.({ stats: supervisor.stats(), id: m.id });
  if (m?.cmd === 'lag') {
    const lag = {
      arrival: supervisor.relayLagHistogram('arrival').counts,
      handoff: supervisor.relayLagHistogram('handoff').counts,
    };
    process.send?.({ lag, id: m.id });
  }
});
