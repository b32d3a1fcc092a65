// ZORYX_BENCH_MARKS=1: a bench bot reports when it reached each phase of its boot, as epoch ms
// (performance.timeOrigin + now: comparable across the process's threads and with the bench's
// own clock), so the cold-start bench can say where the time to the first reply goes. Without
// the variable nothing is patched or sent.
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

export const MARKS = process.env.ZORYX_BENCH_MARKS === '1';
const CHANNEL = 'zoryx-bench-marks';

const now = () => performance.timeOrigin + performance.now();
const marks = {};
// A worker thread's marks reach the process's main thread over a BroadcastChannel.
const channel = MARKS && !isMainThread ? new BroadcastChannel(CHANNEL) : null;
channel?.unref();

/** Records a phase (once: the first time it is reached). */
export function mark(name, at = now()) {
  if (!MARKS || name in marks) return;
  marks[name] = at;
  channel?.postMessage({ [name]: at });
}

/**
 * Wraps a bot's boot steps with marks: login, extensions booted, commands planned and synced.
 * Only the bench's bots; the framework itself is not instrumented.
 */
export function markBoot(bot) {
  if (!MARKS) return;
  const wrap = (target, key, before, after) => {
    const original = target[key].bind(target);
    target[key] = async (...args) => {
      mark(before);
      const result = await original(...args);
      mark(after);
      return result;
    };
  };
  wrap(bot, 'login', 'login', 'loggedIn');
  wrap(bot.extensions, 'boot', 'extensionsBoot', 'extensionsBooted');
  wrap(bot.commandService, 'markReady', 'commandsPlan', 'commandsSynced');
}

/** The main thread: collects the worker's marks too and sends them all to the bench. */
export function reportMarks() {
  if (!MARKS) return;
  mark('processStart', performance.timeOrigin);
  const listen = new BroadcastChannel(CHANNEL);
  listen.unref();
  listen.onmessage = (event) => Object.assign(marks, event.data);
  process.on('message', (m) => {
    if (m?.cmd === 'marks') process.send?.({ marks: { ...marks } });
  });
}
