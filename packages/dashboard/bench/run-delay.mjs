// Measuring aid: how long the calling thread has waited, runnable, for a core (its run-queue
// delay, Linux /proc/thread-self/schedstat field 2, ns). The difference between two reads around
// an operation is the part of its wall time the kernel's scheduling added: no process's work.
import { readFileSync } from 'node:fs';

let available = true;

/** The calling thread's total run-queue delay so far (ms), or null where Linux does not say. */
export function runDelayMs() {
  if (!available) return null;
  try {
    const fields = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    return Number(fields[1]) / 1e6;
  } catch {
    available = false;
    return null;
  }
}
