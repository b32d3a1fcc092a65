/** What an extension name may look like once normalised (DESIGN §2). */
export const EXTENSION_NAME_PATTERN = /^[a-z0-9_-]+$/;

/** Result of {@link normalizeExtensionName}. */
export type NormalizedName =
  | { readonly ok: true; readonly name: string; readonly changed: boolean }
  | { readonly ok: false; readonly reason: string; readonly suggestion?: string };

const WHITESPACE_RUN = /\s+/g;

/**
 * Normalises an extension name as DESIGN §2 says: surrounding whitespace is trimmed and every
 * inner run of whitespace becomes one `-` (`" audio  tools "` → `"audio-tools"`); callers
 * report the change as a warning. Any other character outside `[a-z0-9-_]`, capitals
 * included, is refused with a reason and a suggestion, because rewriting it silently could
 * merge two names that differ (`"Music"` and `"music"`).
 *
 * @example
 * normalizeExtensionName('audio tools'); // { ok: true, name: 'audio-tools', changed: true }
 * normalizeExtensionName('Music'); // { ok: false, reason: '"Music" contains "M"; …', suggestion: 'music' }
 */
export function normalizeExtensionName(raw: unknown): NormalizedName {
  if (typeof raw !== 'string') {
    return { ok: false, reason: `must be a string, got ${describeValue(raw)}` };
  }
  if (EXTENSION_NAME_PATTERN.test(raw)) return { ok: true, name: raw, changed: false };
  const name = raw.trim().replace(WHITESPACE_RUN, '-');
  if (name === '') return { ok: false, reason: 'must not be empty' };
  if (EXTENSION_NAME_PATTERN.test(name)) return { ok: true, name, changed: true };
  const suggestion = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
  const bad = [...new Set(name.replace(/[a-z0-9_-]/g, ''))].join('');
  return {
    ok: false,
    reason: `"${raw}" contains ${JSON.stringify(bad)}; only lowercase letters, digits, "-" and "_" are allowed`,
    ...(EXTENSION_NAME_PATTERN.test(suggestion) ? { suggestion } : {}),
  };
}

/** A short description of a value for messages: `a number (42)`, `null`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `a ${typeof value} (${String(value)})`;
    case 'undefined':
      return 'nothing (undefined)';
    default:
      return `a ${typeof value}`;
  }
}
