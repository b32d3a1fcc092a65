import type { ResolvedPlanOptions } from './plan-options.js';

/** Root base name of commands without a category, unless `rootNames['']` says otherwise. */
export const DEFAULT_ROOT = 'more';

// Apostrophes are valid for Discord but rejected by @discordjs/builders; roots avoid them.
const NOT_NAME_CHARS = /[^-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]+/gu;

/**
 * The root base name of a category: `rootNames[category]`, else the category lowercased without
 * apostrophes and with every other run of characters not allowed in names replaced by `-`, cut
 * to 28 characters so that
 * `-2`… suffixes still fit in 32.
 */
export function rootBaseOf(category: string | undefined, options: ResolvedPlanOptions): string {
  const key = category ?? '';
  const configured = options.rootNames[key];
  if (configured !== undefined) return configured;
  if (key === '') return DEFAULT_ROOT;
  const cleaned = [
    ...key
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(NOT_NAME_CHARS, '-')
      .replace(/^-+|-+$/g, ''),
  ]
    .slice(0, 28)
    .join('')
    .replace(/-+$/, '');
  return cleaned === '' || cleaned !== cleaned.toLowerCase() ? DEFAULT_ROOT : cleaned;
}

/** The words a root's description starts with: the category as written, or "More". */
export function rootLabelOf(category: string | undefined): string {
  const label = (category ?? '').trim();
  return label === '' ? 'More' : label;
}
