// Types of loop-monitor.mjs (plain JavaScript: the bot children run it without a TypeScript loader).

/** One condition's garbage collection: pauses, their total and longest (ms), those of 2 ms or more. */
export interface GcTotals {
  pauses: number;
  totalMs: number;
  maxMs: number;
  atLeast2Ms: number;
  scavenges: number;
  markSweeps: number;
}

/** GC of this thread's isolate while a phase is measured, summed per condition. */
export function gcMonitor(): {
  phase(kind: string, on: boolean): void;
  read(): Record<string, GcTotals>;
};

export function loopMonitor(reply: (answer: unknown) => void): (message: unknown) => void;

export function announceReady(
  bot: unknown,
  guilds: number,
  failed: readonly string[],
): Promise<void>;
