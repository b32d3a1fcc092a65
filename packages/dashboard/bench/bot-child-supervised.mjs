// The bot as `zoryx start` runs it by default: supervised. This process is the supervisor (the
// gateway session in its main thread); the bot, with the dashboard, runs in a worker thread
// (supervised-entry.mjs) and gets the gateway's events through the relay. The bench's messages
// reach the worker over a BroadcastChannel. @zoryx/supervisor is this monorepo's package, loaded
// from its dist (the dashboard does not depend on it).
import { BroadcastChannel } from 'node:worker_threads';

const { startSupervisor } = await import(
  new URL('../../supervisor/dist/index.js', import.meta.url).href
);
const quiet = () => undefined;
const supervisor = await startSupervisor({
  entry: new URL('./supervised-entry.mjs', import.meta.url),
  handleSignals: false,
  logger: { debug: quiet, info: quiet, warn: quiet, error: (...args) => console.error(...args) },
});
const channel = new BroadcastChannel('zoryx-dashboard-bench');
// The bench went away (crashed or exited after a failed mode): do not outlive it.
process.on('disconnect', () => process.exit(1));
channel.onmessage = (event) => process.send?.(event.data);
process.on('message', async (message) => {
  if (message !== 'stop') return channel.postMessage(message);
  channel.close();
  await supervisor.close('bench');
  process.exit(0);
});
