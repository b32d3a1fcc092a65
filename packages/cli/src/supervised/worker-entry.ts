// The worker thread's entry of a bot run by runBot (built to dist/supervised-worker.js: the
// supervisor imports it as JavaScript; the bot's extensions stay TypeScript, compiled by the
// framework's loader as usual). It builds the bot from its folder, with the supervisor's gateway
// relay and the activity slot the watchdog reads to name a blocking extension.
import type { CreateBotOptions, ZoryxClient } from '@zoryx/framework';
import { setActivity, type WorkerRelay } from '@zoryx/supervisor/worker';
import { type FrameworkRuntime, loadFramework } from '../boot-bundle/load-framework.js';
import { handoverChannel, takeConfig } from './config-handover.js';
import { passFaultGate } from './fault-gate.js';
import { type HandedOver, importBotModule } from './module-handoff.js';
import { readWorkerRunOptions, type WorkerRunOptions } from './run-options.js';

const options = readWorkerRunOptions(process.env);
// The framework: from the boot bundle when the bot folder has a usable one (one file instead of
// ~700 modules), else from node_modules. Loaded at the top level, so a standby has it ahead of need.
const framework: Promise<FrameworkRuntime> = loadFramework(options.bootBundle);
// A customised bot: its own module, imported here, hands over its createBot options. Imported
// at the top level, so a standby worker has the module and what it imports loaded ahead of need
// (its runBot call then waits for the start); a failure surfaces in start().
const handedOver: Promise<HandedOver> | undefined = options.module
  ? importBotModule(options.module)
  : undefined;
handedOver?.catch(() => undefined);

/** Starts the bot in this worker; the supervisor calls `shutdown(reason)` on what it returns. */
export default async function start(relay: WorkerRelay) {
  // A fault of the previous worker is recorded first: a quarantined extension is then skipped.
  // The first worker has no previous one: it does not wait for the main thread (which is still
  // reading the settings then).
  if (relay.reason !== 'initial') await passFaultGate(options.gate);
  const custom = handedOver ? await handedOver : undefined;
  try {
    const bot = await startBot(relay, options, custom);
    custom?.started(bot);
    return bot;
  } catch (error) {
    custom?.failed(error);
    throw error;
  }
}

async function startBot(
  relay: WorkerRelay,
  options: WorkerRunOptions,
  custom: HandedOver | undefined,
): Promise<ZoryxClient> {
  const runtime = await framework;
  const { createBot, createBotWithConfig, sharedModules, note } = runtime;
  const botOptions: CreateBotOptions = {
    ...custom?.bot,
    // The bundle's instances of what extensions may import (none from node_modules).
    ...(Object.keys(sharedModules).length > 0 ? { sharedModules } : {}),
    cwd: options.cwd,
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
    ...(options.config === undefined ? {} : { config: options.config }),
    // The relay's options win: the gateway, intents and shards are the supervisor's.
    clientOptions: { ...custom?.bot.clientOptions, ...relay.clientOptions() },
    activity: setActivity,
    // `client.runtime`: the dashboard exports the relay's lag from it.
    runtime: {
      mode: 'supervised',
      workerId: relay.workerId,
      relayLag: (stage) => relay.relayLag(stage),
    },
    // The supervisor owns the signals; errors an extension lets escape stay in the worker.
    handleSignals: false,
    handleErrors: true,
  };
  // The first worker: the config the main thread validated while this one loaded (no zod here);
  // a replacement reads config.json again, so a restart picks up an edited file as it always has.
  const validated =
    relay.reason === 'initial' ? await takeConfig(handoverChannel(options.gate)) : null;
  const bot = validated
    ? await createBotWithConfig(botOptions, validated)
    : await createBot(botOptions);
  const report = await bot.start();
  runtime.refreshCodeCache();
  bot.zoryxLogger.info(
    { workerId: relay.workerId, reason: relay.reason, framework: note },
    `${report.summary} (worker ${relay.workerId}, ${relay.reason})`,
  );
  return bot;
}
