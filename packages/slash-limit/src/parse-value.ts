import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType as T,
} from 'discord-api-types/v10';
import { codePointLength } from './code-point-length.js';
import { isRecord } from './is-record.js';

/**
 * Resolves Discord entities for prefix arguments. Each method may return the value or a Promise
 * of it; `undefined` means "not found". Errors thrown by a lookup propagate to the caller.
 */
export interface EntityLookup {
  user(id: string): unknown;
  member(id: string): unknown;
  role(id: string): unknown;
  channel(id: string): unknown;
}

/** A converted argument, or why the text was not acceptable. */
export type ValueResult =
  | { readonly ok: true; readonly value: unknown; readonly member?: unknown }
  | {
      readonly ok: false;
      readonly problem: string;
      /** The text does not even look like this type (so it may belong to the next option). */
      readonly mismatch: boolean;
    };

const TRUE = new Set(['true', 'yes', '1', 'y', 'on']);
const FALSE = new Set(['false', 'no', '0', 'n', 'off']);
const SNOWFLAKE = /^\d{15,21}$/;
const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The text has the right shape but a wrong value (range, choice, unknown id). */
function fail(problem: string): ValueResult {
  return { ok: false, problem, mismatch: false };
}

/** The text is not of this type at all. */
function mismatch(problem: string): ValueResult {
  return { ok: false, problem, mismatch: true };
}

function mentionId(text: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(text);
  if (match !== null) return match[1];
  return SNOWFLAKE.test(text) ? text : undefined;
}

/**
 * Converts one argument for one option the way Discord would have: numbers and lengths within
 * their bounds, choices by name or value, booleans from a fixed word list (anything else is an
 * error, never `false`), users/members/roles/channels from mentions or ids through `lookup`.
 */
export async function parseValue(
  option: APIApplicationCommandBasicOption,
  text: string,
  lookup: EntityLookup,
): Promise<ValueResult> {
  const record = option as unknown as Record<string, unknown>;
  switch (option.type) {
    case T.String:
    case T.Integer:
    case T.Number:
      return parseScalar(record, option.type, text);
    case T.Boolean: {
      const word = text.toLowerCase();
      if (TRUE.has(word)) return { ok: true, value: true };
      if (FALSE.has(word)) return { ok: true, value: false };
      return mismatch(`"${text}" is not yes/no (use true, yes, y, on, 1 or false, no, n, off, 0)`);
    }
    case T.User: {
      const id = mentionId(text, /^<@!?(\d+)>$/);
      if (id === undefined) return mismatch(`"${text}" is not a user mention or id`);
      const user = await lookup.user(id);
      if (user === undefined) return fail(`no user with id ${id}`);
      return { ok: true, value: user, member: await lookup.member(id) };
    }
    case T.Role: {
      const id = mentionId(text, /^<@&(\d+)>$/);
      if (id === undefined) return mismatch(`"${text}" is not a role mention or id`);
      const role = await lookup.role(id);
      return role === undefined ? fail(`no role with id ${id}`) : { ok: true, value: role };
    }
    case T.Channel: {
      const id = mentionId(text, /^<#(\d+)>$/);
      if (id === undefined) return mismatch(`"${text}" is not a channel mention or id`);
      const channel = await lookup.channel(id);
      return channel === undefined
        ? fail(`no channel with id ${id}`)
        : { ok: true, value: channel };
    }
    case T.Mentionable: {
      const roleId = /^<@&(\d+)>$/.exec(text)?.[1];
      if (roleId !== undefined) {
        const role = await lookup.role(roleId);
        return role === undefined ? fail(`no role with id ${roleId}`) : { ok: true, value: role };
      }
      const id = mentionId(text, /^<@!?(\d+)>$/);
      if (id === undefined) return mismatch(`"${text}" is not a user or role mention or id`);
      const user = await lookup.user(id);
      if (user !== undefined) return { ok: true, value: user, member: await lookup.member(id) };
      const role = /^\d+$/.test(text) ? await lookup.role(id) : undefined;
      return role === undefined ? fail(`no user or role with id ${id}`) : { ok: true, value: role };
    }
    default:
      return mismatch('attachments cannot be given as text; use the slash command');
  }
}

function parseScalar(option: Record<string, unknown>, type: T, text: string): ValueResult {
  let value: string | number = text;
  if (type === T.Integer) {
    if (!INTEGER.test(text) || !Number.isSafeInteger(Number(text))) {
      return mismatch(`"${text}" is not a whole number`);
    }
    value = Number(text);
  } else if (type === T.Number) {
    if (!NUMBER.test(text) || !Number.isFinite(Number(text)))
      return mismatch(`"${text}" is not a number`);
    value = Number(text);
  }
  const choices = Array.isArray(option.choices) ? option.choices.filter(isRecord) : [];
  if (choices.length > 0) {
    const lower = text.toLowerCase();
    const match =
      choices.find((c) => c.value === value) ??
      choices.find((c) => typeof c.name === 'string' && c.name.toLowerCase() === lower) ??
      choices.find((c) => typeof c.value === 'string' && c.value.toLowerCase() === lower);
    if (match === undefined) {
      const names = choices.map((c) => String(c.name)).join(', ');
      return fail(`"${text}" is not one of: ${names}`);
    }
    return { ok: true, value: match.value };
  }
  if (typeof value === 'number') {
    const { min_value: min, max_value: max } = option;
    if (typeof min === 'number' && value < min) return fail(`${value} is below the minimum ${min}`);
    if (typeof max === 'number' && value > max) return fail(`${value} is above the maximum ${max}`);
    return { ok: true, value };
  }
  const length = codePointLength(value);
  const { min_length: min, max_length: max } = option;
  if (typeof min === 'number' && length < min)
    return fail(`is ${length} characters; at least ${min} needed`);
  if (typeof max === 'number' && length > max)
    return fail(`is ${length} characters; at most ${max} allowed`);
  return { ok: true, value };
}
