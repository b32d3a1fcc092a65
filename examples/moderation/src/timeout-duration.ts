import { toMilliseconds } from '@zoryx/loader';

/** Discord's longest timeout: 28 days. */
export const MAX_TIMEOUT_MS = 28 * 24 * 3_600_000;

/** A parsed timeout duration, or the sentence explaining why it was refused. */
export type TimeoutDuration =
  | { readonly ok: true; readonly ms: number }
  | { readonly ok: false; readonly message: string };

/**
 * Reads a timeout duration such as `10m`, `1h`, `2 days` or `90s` (the `ms` syntax, through the
 * loader's `toMilliseconds`) and keeps it within what Discord accepts: more than 0, at most 28 days.
 */
export function parseTimeoutDuration(text: string): TimeoutDuration {
  let ms: number;
  try {
    ms = toMilliseconds(text.trim(), 'duration');
  } catch {
    return {
      ok: false,
      message: `"${text}" is not a duration. Use a number and a unit, e.g. 90s, 10m, 1h or 2d.`,
    };
  }
  if (ms < 1000) return { ok: false, message: 'A timeout lasts at least 1 second.' };
  if (ms > MAX_TIMEOUT_MS)
    return { ok: false, message: 'Discord allows timeouts of 28 days at most.' };
  return { ok: true, ms: Math.round(ms) };
}
