// The supervised worker's entry (see bot-child-supervised.mjs): the same bot as bot-child.mjs,
// its client on the supervisor's relay, built as the cli's worker entry builds it (the relay's
// options win; the bench adds only the emulator's REST options). Prints the ready line from the
// worker thread; the bench's loop messages arrive over a BroadcastChannel.
import { BroadcastChannel } from 'node:worker_threads';
import { createBot } from '@zoryx/framework';
import { announceReady, loopMonitor } from './loop-monitor.mjs';

export default async function start(relay) {
  const relayed = relay.clientOptions();
  const extra = JSON.parse(process.env.ZORYX_BENCH_CLIENT_OPTIONS ?? '{}');
  const bot = await createBot({
    cwd: process.env.ZORYX_BENCH_DIR,
    // No client-side global REST throttle, as in the single-process child (see there).
    clientOptions: { ...extra, ...relayed, rest: { ...extra.rest, ...relayed.rest } },
    handleSignals: false,
    handleErrors: true,
  });
  const report = await bot.start();
  const channel = new BroadcastChannel('zoryx-dashboard-bench');
  channel.unref();
  const onLoop = loopMonitor((answer) => channel.postMessage(answer));
  channel.onmessage = (event) => onLoop(event.data);
  void announceReady(bot, Number(process.env.ZORYX_BENCH_GUILDS ?? '1'), report.failed);
  return bot;
}
