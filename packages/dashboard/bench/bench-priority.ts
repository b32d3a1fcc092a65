// What stands in for Discord (the emulator) and its users (the command load) runs in the bench's
// process; in production both are on other machines and take no core from the bot or from a
// scraper. On this 2-core machine they do: a polled server's wake-up waits behind them (the
// floor peer's p95 is that wait, see RESULTS.md). The bench therefore measures every phase twice
// in the same run, alternating: once with this process at the bot's priority (the method before,
// kept as is), once with this process's threads at a lower priority (nice BENCH_DISCORD_NICE,
// default 10), so a woken bot, scraper or floor server gets a core first, as it would if Discord
// were elsewhere. The bot, the pollers and the floor server are other processes (forked before
// any change, at the bench's starting priority) and are never reniced.

import { readdirSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The bench process's nice value in the "Discord elsewhere" phases (env BENCH_DISCORD_NICE). */
export const DISCORD_NICE = Number(process.env.BENCH_DISCORD_NICE ?? 10);

/** The nice value this process started with (the bot and the pollers inherit it). */
export const STARTING_NICE = getPriority(0);

/**
 * Sets every thread of this process (main, libuv's pool, V8's helpers; Linux sets a nice value per
 * thread) to `nice`. Returns false if any refused: going back to a lower value needs
 * CAP_SYS_NICE (root has it), so without it the niced phases can only come last.
 */
export function reniceBench(nice: number): boolean {
  let ok = true;
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    tids = ['0'];
  }
  for (const tid of tids) {
    try {
      setPriority(Number(tid), nice);
    } catch {
      ok = false;
    }
  }
  return ok;
}

/**
 * Whether this process may go back from DISCORD_NICE to its starting priority: it has
 * CAP_SYS_NICE (capability 23 in /proc/self/status CapEff). Checked without changing anything.
 */
export function canAlternate(): boolean {
  try {
    const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return hex !== undefined && (BigInt(`0x${hex}`) & (1n << 23n)) !== 0n;
  } catch {
    return false;
  }
}
