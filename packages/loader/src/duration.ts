import ms from 'ms';
import { LoaderError } from './errors.js';

/** A duration: milliseconds, or a string `ms` understands (`'500ms'`, `'10s'`, `'1h'`, `'2 days'`). */
export type Duration = number | string;

/**
 * Turns a {@link Duration} into milliseconds. Rejects negatives, non-finite values and strings
 * `ms` cannot read, with `ZRX_EXT_INVALID_DURATION` naming the argument.
 */
export function toMilliseconds(value: Duration, argument: string): number {
  const parsed = typeof value === 'number' ? value : parseString(value);
  if (parsed === undefined || !Number.isFinite(parsed) || parsed < 0) {
    throw new LoaderError(
      'ZRX_EXT_INVALID_DURATION',
      `${argument} must be a non-negative duration, got ${JSON.stringify(value)}.`,
      "Use milliseconds (e.g. 5000) or a string such as '500ms', '10s', '5m', '1h', '1d'.",
    );
  }
  return parsed;
}

function parseString(value: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  // ms() returns undefined for strings it cannot read (and throws on empty or > 100 chars).
  try {
    return ms(value as ms.StringValue) as number | undefined;
  } catch {
    return undefined;
  }
}
