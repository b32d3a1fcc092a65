import type { ModAction } from './types.js';
import { pastTense } from './wording.js';

/** Formats a duration in the largest whole units: `1d 2h`, `10m`, `90s` → `1m 30s`. */
export function formatDuration(ms: number): string {
  const units = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const;
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.join(' ') || '0s';
}

/** One mod log line: `#3 · <@user> banned by <@mod> <t:…:R> — reason`. */
export function formatModAction(entry: ModAction): string {
  const what =
    entry.durationMs === null
      ? pastTense(entry.action)
      : `${pastTense(entry.action)} for ${formatDuration(entry.durationMs)}`;
  const when = `<t:${Math.floor(entry.createdAt / 1000)}:R>`;
  return `**#${entry.caseId}** · <@${entry.userId}> ${what} by <@${entry.moderatorId}> ${when} — ${entry.reason}`;
}
