import { codePointLength } from './code-point-length.js';
import { isRecord } from './is-record.js';

/**
 * Characters Discord counts against the 4,000-character budget of one top-level command: names,
 * descriptions, choice names and choice values of the command and everything nested in it.
 *
 * For a localised field the longest variant counts, because every locale must fit; this is the
 * conservative reading of Discord's rule.
 */
export function combinedCharacters(node: unknown): number {
  if (!isRecord(node)) return 0;
  let total =
    fieldLength(node.name, node.name_localizations) +
    fieldLength(node.description, node.description_localizations);
  if (Array.isArray(node.choices)) {
    for (const choice of node.choices) {
      if (!isRecord(choice)) continue;
      total += fieldLength(choice.name, choice.name_localizations);
      total += codePointLength(String(choice.value ?? ''));
    }
  }
  if (Array.isArray(node.options)) {
    for (const option of node.options) total += combinedCharacters(option);
  }
  return total;
}

function fieldLength(base: unknown, localizations: unknown): number {
  let longest = typeof base === 'string' ? codePointLength(base) : 0;
  if (isRecord(localizations)) {
    for (const value of Object.values(localizations)) {
      if (typeof value === 'string') longest = Math.max(longest, codePointLength(value));
    }
  }
  return longest;
}
