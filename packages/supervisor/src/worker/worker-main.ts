// The worker thread's first module: sets up the relay and the heartbeat, imports the entry (so a
// standby worker has its modules loaded before it is needed), runs the entry's function when the
// supervisor says `start`, reports `ready`, and shuts the bot down when asked. Uncaught errors
// are left alone on purpose: they end this thread (not the process) and the supervisor restarts it.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { enableCompileCache } from '../compile-cache.js';
import { SupervisorError } from '../errors.js';
import { parseWorkerInit, serializeError } from '../protocol-parse.js';
import { BEAT_MS, beat } from '../shared-slots.js';
import { RelayChannel } from './relay-channel.js';
import { supervised } from './supervised-data.js';
import { createWorkerRelay, type RelayedBot, type WorkerRelay } from './worker-relay.js';

/** Every how many beats the heartbeat message (stats) is sent: every 500 ms. */
const BEATS_PER_MESSAGE = 5;

type EntryFunction = (relay: WorkerRelay) => unknown;

const t0 = performance.now();
const context = supervised();
if (!context || !parentPort) {
  throw new SupervisorError(
    'ZRX_SUPERVISOR_NOT_SUPERVISED',
    'worker-main runs only as a thread started by @zoryx/supervisor.',
    'Start the bot with startSupervisor({ entry }) instead of running this file.',
  );
}
const { slots } = context;
const channel = new RelayChannel(parentPort, slots, parseWorkerInit(context.data.init));

let beats = 0;
setInterval(() => {
  beat(slots);
  if (++beats % BEATS_PER_MESSAGE !== 0) return;
  const heap = getHeapStatistics();
  const lag = channel.takeLag();
  channel.post({
    t: 'heartbeat',
    consumed: channel.consumed,
    heapUsed: heap.used_heap_size,
    heapLimit: heap.heap_size_limit,
    ...(lag === null ? {} : { lag }),
  });
}, BEAT_MS);
beat(slots);

let bot: RelayedBot | undefined;
let stopping: Promise<void> | undefined;
let startReason: string | undefined;
let startNow: ((reason: string) => void) | undefined;

async function stop(reason: string): Promise<void> {
  try {
    if (typeof bot?.shutdown === 'function') await bot.shutdown(reason);
    else if (typeof bot?.destroy === 'function') await bot.destroy();
  } catch (error) {
    channel.post({
      t: 'log',
      level: 'error',
      msg: 'the bot failed to shut down cleanly',
      data: { error: serializeError(error).message },
    });
  }
  channel.post({ t: 'stopped' });
}

channel.onShutdown((reason) => {
  stopping ??= stop(reason);
});
// `start` may arrive while the entry is still being imported (a cold start) or long after.
channel.onStart((reason) => {
  startReason ??= reason;
  startNow?.(reason);
});

async function load(): Promise<EntryFunction | undefined> {
  // The entry's modules (discord.js, the bot) are most of a cold start: on Node ≥ 22.1 their
  // compiled code is kept on disk for the next worker and the next start (ZORYX_COMPILE_CACHE).
  // Usually already on: runBot's NODE_COMPILE_CACHE enabled it when this thread started.
  const cache = enableCompileCache();
  if (cache.status === 'failed') {
    channel.post({
      t: 'log',
      level: 'debug',
      msg: `module compile cache not used: ${cache.message ?? 'Node refused it'}`,
    });
  }
  let start: unknown;
  try {
    start = ((await import(channel.init.entry)) as { default?: unknown }).default;
  } catch (error) {
    channel.post({ t: 'failed', phase: 'load', error: serializeError(error) });
    return undefined;
  }
  if (typeof start !== 'function') {
    const error = new SupervisorError(
      'ZRX_SUPERVISOR_ENTRY_INVALID',
      `The entry ${channel.init.entry} has no default export function.`,
      'Export `default async function (relay) { …; return bot; }` from the entry module.',
    );
    channel.post({ t: 'failed', phase: 'load', error: serializeError(error) });
    return undefined;
  }
  channel.post({ t: 'loaded', loadMs: performance.now() - t0 });
  return start as EntryFunction;
}

async function run(): Promise<void> {
  const start = await load();
  if (!start) return;
  const reason =
    startReason ??
    (await new Promise<string>((resolve) => {
      startNow = resolve;
    }));
  if (stopping) return;
  const started = performance.now();
  try {
    bot = ((await start(createWorkerRelay(channel, reason))) ?? undefined) as
      | RelayedBot
      | undefined;
  } catch (error) {
    channel.post({ t: 'failed', phase: 'start', error: serializeError(error) });
    return;
  }
  if (stopping) return;
  channel.post({ t: 'ready', bootMs: performance.now() - started });
}

void run();
