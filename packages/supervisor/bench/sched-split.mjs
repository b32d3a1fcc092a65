// Where a command's latency goes, from the scheduler's own books: for each batch of commands sent
// together (one 10 ms tick of the open loop), the batch's window (send → its last reply) is split
// per thread into time on a CPU and time runnable but waiting for one (run-queue wait), read from
// /proc/<pid>/task/<tid>/schedstat (nanoseconds: on-CPU, run-queue wait, timeslices) at the
// send and at the last reply. The threads: the bench's main thread (the emulator and the load
// generator: Discord's stand-in), the bot's main thread (the supervisor's, or the whole bot in one
// process) and the bot's worker thread (supervised only). Timeslices per command count the
// wake-ups (the thread hop — postMessage → the worker's loop — is one per batch on the worker).
//
// Robust under foreign load: a wait behind another engineer's process and a wait behind the
// emulator both show as run-queue wait; on-CPU time does not grow with load (much).
import { readdirSync, readFileSync } from 'node:fs';

/** [on-CPU ns, run-queue wait ns, timeslices] of one thread so far; zeros once it is gone. */
export function schedstat(pid, tid) {
  try {
    const [cpu, wait, slices] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')
      .trim()
      .split(' ')
      .map(Number);
    return [cpu, wait, slices];
  } catch {
    return [0, 0, 0];
  }
}

/** On-CPU ns of each thread of a process so far. */
export function threadCpuNs(pid) {
  const threads = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      threads.set(Number(tid), schedstat(pid, tid)[0]);
    }
  } catch {
    // The process ended: whatever was read so far.
  }
  return threads;
}

/** The thread (other than the main one) that used the most CPU between two `threadCpuNs`. */
export function busiestOther(pid, before, after) {
  let best = null;
  let most = -1;
  for (const [tid, ns] of after) {
    if (tid === pid) continue;
    const used = ns - (before.get(tid) ?? 0);
    if (used > most) {
      most = used;
      best = tid;
    }
  }
  return best;
}

/**
 * A recorder of batch windows. `threads` names the threads read: { name: [pid, tid] }.
 * `start()` snapshots them at a batch's send and returns a token; `end(token, latencies)` at its
 * last reply records the window.
 */
export function splitRecorder(threads) {
  const names = Object.keys(threads);
  const read = () => names.map((name) => schedstat(...threads[name]));
  const batches = [];
  return {
    start: () => ({ at: performance.now(), stats: read() }),
    end(token, latencies) {
      const stats = read();
      const windowMs = performance.now() - token.at;
      const batch = { windowMs, latencies, cpu: {}, wait: {}, slices: {} };
      names.forEach((name, i) => {
        batch.cpu[name] = (stats[i][0] - token.stats[i][0]) / 1e6;
        batch.wait[name] = (stats[i][1] - token.stats[i][1]) / 1e6;
        // Timeslices run: each wake-up of a thread that slept starts one (so does a preemption).
        batch.slices[name] = (stats[i][2] - token.stats[i][2]) / latencies.length;
      });
      batches.push(batch);
    },
    /** Summary: the median batch and the slowest 2 % of batches (the p99 commands live there). */
    summary() {
      const sorted = [...batches].sort((a, b) => a.windowMs - b.windowMs);
      const n = sorted.length;
      const mid = sorted.slice(
        Math.floor(n * 0.4),
        Math.max(Math.floor(n * 0.4) + 1, Math.ceil(n * 0.6)),
      );
      const slow = sorted.slice(Math.min(n - 1, Math.floor(n * 0.98)));
      return { names, batches: n, middle: averageOf(mid, names), slowest: averageOf(slow, names) };
    },
  };
}

/**
 * Mean window, CPU and run-queue wait per thread (ms per batch) and timeslices per command. The
 * threads overlap (two cores), so CPU + wait may exceed the window: read each thread's wait
 * against its own CPU and against the same thread in the other mode or phase.
 */
function averageOf(list, names) {
  const mean = (f) => list.reduce((sum, b) => sum + f(b), 0) / Math.max(1, list.length);
  const cpu = Object.fromEntries(names.map((n) => [n, mean((b) => b.cpu[n])]));
  const wait = Object.fromEntries(names.map((n) => [n, mean((b) => b.wait[n])]));
  const slices = Object.fromEntries(names.map((n) => [n, mean((b) => b.slices[n])]));
  return { windowMs: mean((b) => b.windowMs), cpu, wait, slices };
}

/** One line: the window, CPU and run-queue wait per thread (ms), timeslices per command. */
export function formatSplit(label, s) {
  const part = (o) =>
    Object.entries(o)
      .map(([n, ms]) => `${n} ${ms.toFixed(2)}`)
      .join(', ');
  return `${label}: window ${s.windowMs.toFixed(2)} ms; CPU [${part(s.cpu)}]; run-queue wait [${part(s.wait)}]; slices per command [${part(s.slices)}]`;
}
