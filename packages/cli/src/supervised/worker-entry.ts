// The worker thread's entry of a bot run by runBot (built to dist/supervised-worker.js: the
// supervisor imports it as JavaScript; the bot's extensions stay TypeScript, compiled by the
// framework's loader as usual). It builds the bot from its folder, with the supervisor's gateway
// relay and the activity slot the watchdog reads to name a blocking extension.
import { createBot } from '@zoryx/framework';
import { setActivity, type WorkerRelay } from '@zoryx/supervisor/worker';
import { passFaultGate } from './fault-gate.js';
import { readWorkerRunOptions } from './run-options.js';

/** Starts the bot in this worker; the supervisor calls `shutdown(reason)` on what it returns. */
export default async function start(relay: WorkerRelay) {
  const options = readWorkerRunOptions(process.env);
  // A fault of the previous worker is recorded first: a quarantined extension is then skipped.
  await passFaultGate(options.gate);
  const bot = await createBot({
    cwd: options.cwd,
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
    ...(options.config === undefined ? {} : { config: options.config }),
    clientOptions: relay.clientOptions(),
    activity: setActivity,
    // The supervisor owns the signals; errors an extension lets escape stay in the worker.
    handleSignals: false,
    handleErrors: true,
  });
  const report = await bot.start();
  bot.zoryxLogger.info(
    { workerId: relay.workerId, reason: relay.reason },
    `${report.summary} (worker ${relay.workerId}, ${relay.reason})`,
  );
  return bot;
}
