// Placeholders in rule texts: `{user}`, `{guild_name}`, `{random:1-100}`, `{math:level*100}`,
// `{var:name}`. Checked when a rule is saved (unknown names and bad expressions are errors that
// name the field) and rendered at run time from the event's values.
import { evaluateMath, type MathNode, parseMath } from './arithmetic.js';

/** Placeholder names a rule text may use, with what they stand for. */
export const PLACEHOLDERS = {
  user: 'mention of the member the event is about',
  username: 'their username',
  user_id: 'their id',
  guild_name: 'the server name',
  guild_id: 'the server id',
  member_count: 'members in the server',
  channel: 'mention of the event channel',
  channel_name: 'its name',
  channel_id: 'its id',
  message: 'the message text',
  level: 'the member’s level (leveling)',
  xp: 'the member’s XP (leveling)',
  message_count: 'messages the member sent (counted by this extension)',
  timestamp: 'ISO time of the event',
  date: 'YYYY-MM-DD (UTC)',
  time: 'HH:MM (UTC)',
} as const;

/** A placeholder name. */
export type PlaceholderName = keyof typeof PLACEHOLDERS;

/** The values a text is rendered with; numbers may be used inside `{math:…}`. */
export type PlaceholderValues = Readonly<Partial<Record<PlaceholderName, string | number>>>;

/** True when `name` is one of {@link PLACEHOLDERS}. */
export function isPlaceholderName(name: string): name is PlaceholderName {
  return Object.hasOwn(PLACEHOLDERS, name);
}

const PATTERN = /\{([a-z_]+)(?::([^{}]*))?\}/g;

/** Problems found in a text (empty when it is fine). */
export function checkPlaceholders(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const [whole, name = '', argument] = match;
    if (name === 'random') {
      if (!parseRange(argument)) problems.push(`${whole}: use {random:MIN-MAX} with integers`);
    } else if (name === 'math') {
      const parsed = parseMath(argument ?? '');
      if (!parsed.ok) problems.push(`${whole}: ${parsed.message}`);
      else {
        for (const used of parsed.names) {
          if (!isPlaceholderName(used)) problems.push(`${whole}: unknown name "${used}"`);
        }
      }
    } else if (name === 'var') {
      if (!argument || !/^[a-z0-9_.-]{1,64}$/i.test(argument)) {
        problems.push(`${whole}: use {var:NAME} (letters, digits, _ . -)`);
      }
    } else if (!isPlaceholderName(name) || argument !== undefined) {
      problems.push(
        `${whole}: unknown placeholder (known: ${Object.keys(PLACEHOLDERS).join(', ')}, random, math, var)`,
      );
    }
  }
  return problems;
}

function parseRange(argument: string | undefined): { min: number; max: number } | undefined {
  const match = /^(-?\d{1,9})-(-?\d{1,9})$/.exec(argument ?? '');
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = Number(match[2]);
  return min <= max ? { min, max } : undefined;
}

/** Renders a text. `variables` answers `{var:…}`; an unrenderable `{math:…}` yields an error string. */
export function renderPlaceholders(
  text: string,
  values: PlaceholderValues,
  variables: (name: string) => string | undefined = () => undefined,
  random: () => number = Math.random,
): { text: string; errors: string[] } {
  const errors: string[] = [];
  const out = text.replace(PATTERN, (whole, name: string, argument: string | undefined) => {
    if (name === 'random') {
      const range = parseRange(argument);
      if (!range) return whole;
      return String(range.min + Math.floor(random() * (range.max - range.min + 1)));
    }
    if (name === 'math') {
      const parsed = parseMath(argument ?? '');
      if (!parsed.ok) return whole;
      const result = evaluate(parsed.node, values);
      if (!result.ok) {
        errors.push(`${whole}: ${result.message}`);
        return whole;
      }
      return String(result.value);
    }
    if (name === 'var') return variables(argument ?? '') ?? '';
    if (isPlaceholderName(name) && argument === undefined) {
      const value = values[name];
      return value === undefined ? '' : String(value);
    }
    return whole;
  });
  return { text: out, errors };
}

function evaluate(node: MathNode, values: PlaceholderValues) {
  return evaluateMath(node, (name) => {
    if (!isPlaceholderName(name)) return undefined;
    const value = Number(values[name] ?? 0);
    return Number.isFinite(value) ? value : 0;
  });
}
