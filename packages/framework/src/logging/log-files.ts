import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Base name of the rotated files: pino-roll writes `zoryx.1.log`, `zoryx.2.log`… */
export const LOG_BASENAME = 'zoryx';

/** The log of the current run only: truncated when the logger starts, never rotated. */
export const CURRENT_RUN_FILE = 'current-run.log';

/** Default age after which rotated log files are removed. */
export const DEFAULT_MAX_AGE_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;
/** `zoryx.<n>.log`, and `zoryx.<date>.<n>.log` should a date format ever be configured. */
const ROTATED = new RegExp(`^${LOG_BASENAME}(?:\\.[\\w-]+)?\\.(\\d+)\\.log$`);

/** Options of {@link pruneOldLogs}. */
export interface PruneOldLogsOptions {
  /** Files last written more than this many days ago are removed; `0` removes nothing. */
  maxAgeDays: number;
  /** The current time in ms (tests inject one). Default `Date.now()`. */
  now?: number;
  /**
   * Keep the highest-numbered file whatever its age: pino-roll appends to it, so while the
   * logger runs it is the active file. Default `true`; `false` only before the logger starts.
   */
  keepActive?: boolean;
}

/**
 * Removes rotated log files (`zoryx.<n>.log`) in `dir` older than `maxAgeDays`, judged by their
 * modification time. pino-roll's `limit.count` only removes files it created in the current
 * run, so without this the files of earlier runs would pile up forever. Never touches any other
 * file (`current-run.log`, files of other programs). Returns the names removed. Synchronous:
 * a log folder holds a few dozen files, and it runs at start-up and then every few hours.
 */
export function pruneOldLogs(dir: string, options: PruneOldLogsOptions): string[] {
  if (!(options.maxAgeDays > 0) || !Number.isFinite(options.maxAgeDays)) return [];
  const cutoff = (options.now ?? Date.now()) - options.maxAgeDays * DAY_MS;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // no folder yet: nothing to prune
  }
  const rotated = names
    .map((name) => ({ name, n: Number(ROTATED.exec(name)?.[1] ?? Number.NaN) }))
    .filter((file) => Number.isInteger(file.n));
  const active = Math.max(-1, ...rotated.map((file) => file.n));
  const removed: string[] = [];
  for (const { name, n } of rotated) {
    if (options.keepActive !== false && n === active) continue;
    const path = join(dir, name);
    try {
      if (statSync(path).mtimeMs >= cutoff) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      // Vanished meanwhile, or not ours to remove: housekeeping never fails the logger.
    }
  }
  return removed;
}
