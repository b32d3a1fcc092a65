// Discord's stand-in (the emulator) and its users (the load generator) run in the bench's own
// process; in production both are elsewhere and take no core from the bot. On a 2-core machine
// they do: the supervised bot has two busy threads of its own, so with the stand-in busy too,
// three runnable threads share two cores and one waits in the run queue. The throughput bench
// therefore measures each phase twice, alternating: with this process at the bot's priority (the
// method before, its figures kept as the top-level ones) and with this process's threads at nice
// ZORYX_BENCH_DISCORD_NICE (default 10), so a woken bot thread gets a core first, as if Discord
// were elsewhere. The bot child is forked before any renice and keeps the starting priority.
// Nice values weigh only within one scheduling group (Linux autogroup = one session): with
// ZORYX_BENCH_OWN_SESSION=1 the bot is in another group and the niced phase changes little.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The bench process's nice value in the niced phases. */
export const DISCORD_NICE = Number(process.env.ZORYX_BENCH_DISCORD_NICE ?? '10');

/** The priority this process started with (the bot children inherit it). */
export const STARTING_NICE = getPriority(0);

/**
 * Sets every thread of this process (Linux keeps a nice value per thread) to `nice`. Returns
 * false if any thread refused (going back down needs CAP_SYS_NICE).
 */
export function reniceSelf(nice) {
  let ok = true;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      setPriority(Number(tid), nice);
    } catch {
      ok = false;
    }
  }
  return ok;
}

/**
 * ZORYX_BENCH_PIN="<Discord's CPUs>:<the bot's CPUs>" (taskset lists, e.g. "0:1"): the bench
 * process — Discord's stand-in and its users — on the first CPUs and each bot child on the
 * second, for the whole run (Linux, util-linux's `taskset`). Unset, nothing is pinned. The
 * nearest this 2-core machine gets to "Discord elsewhere" without a second machine: the stand-in
 * never takes the bot's core, and the bot, in either mode, gets one core (most hosted bots have
 * one or two).
 */
export const PLACEMENT = parsePlacement(process.env.ZORYX_BENCH_PIN);

function parsePlacement(value) {
  if (!value) return null;
  const [discord, bot] = value.split(':');
  if (!discord || !bot) throw new Error(`ZORYX_BENCH_PIN="${value}": expected "<cpus>:<cpus>"`);
  return { discord, bot };
}

/** Puts every thread of process `pid` on `cpus` (threads it starts later inherit it). */
export function pinProcess(pid, cpus) {
  execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpus, String(pid)], {
    stdio: 'ignore',
  });
}
