import { DbError } from './errors.js';

/** The typed settings every guild has, with the framework's defaults. */
export interface GuildSettingValues {
  /** Prefix of prefix commands: 1–5 characters, no whitespace. Default `!`. */
  prefix: string;
  /** Whether `@Bot command` works in this guild. Default `true`. */
  mentionPrefix: boolean;
  /** BCP 47 language tag for replies (`en-US`, `de`), or `null` for the bot's default. */
  locale: string | null;
}

/** A setting name; anything else is a type error (and `ZRX_DB_SETTING` at run time). */
export type GuildSettingKey = keyof GuildSettingValues;

/** The framework's defaults, used when a guild never set a value (and no override is given). */
export const DEFAULT_SETTINGS: Readonly<GuildSettingValues> = Object.freeze({
  prefix: '!',
  mentionPrefix: true,
  locale: null,
});

const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Each setting's validator: returns a description of what is wrong, or undefined if fine. */
const validators: { [K in GuildSettingKey]: (value: unknown) => string | undefined } = {
  prefix: (value) =>
    typeof value !== 'string'
      ? 'must be a string'
      : value.length < 1 || [...value].length > 5
        ? 'must be 1–5 characters long'
        : /\s/.test(value)
          ? 'must not contain whitespace'
          : undefined,
  mentionPrefix: (value) => (typeof value === 'boolean' ? undefined : 'must be true or false'),
  locale: (value) =>
    value === null || (typeof value === 'string' && LOCALE.test(value))
      ? undefined
      : 'must be a BCP 47 tag such as "en-US", or null',
};

/** Throws `ZRX_DB_SETTING` unless `key` names a known setting. */
export function assertSettingKey(key: unknown, where: string): asserts key is GuildSettingKey {
  if (typeof key !== 'string' || !Object.hasOwn(validators, key)) {
    throw new DbError(
      'ZRX_DB_SETTING',
      `Unknown setting ${JSON.stringify(key)} (${where}).`,
      `Use one of: ${Object.keys(validators).join(', ')}.`,
    );
  }
}

/** Throws `ZRX_DB_SETTING` unless `value` is valid for `key`. */
export function assertSettingValue(key: GuildSettingKey, value: unknown, where: string): void {
  const problem = validators[key](value);
  if (problem !== undefined) {
    throw new DbError(
      'ZRX_DB_SETTING',
      `Setting "${key}" ${problem}; got ${JSON.stringify(value)} (${where}).`,
      key === 'prefix'
        ? 'Pick 1–5 visible characters without spaces, such as "!" or "?!".'
        : `Pass a valid ${key}.`,
    );
  }
}

/** Validates a set of default overrides (from the options) and merges them over the built-ins. */
export function resolveDefaults(overrides: Partial<GuildSettingValues> = {}): GuildSettingValues {
  const merged: GuildSettingValues = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(overrides)) {
    assertSettingKey(key, 'options.settings.defaults');
    assertSettingValue(key, value, 'options.settings.defaults');
    (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Decodes stored rows over the defaults, ignoring rows of unknown or invalid content. */
export function decodeSettings(
  rows: readonly { key: string; value: string }[],
  defaults: GuildSettingValues,
): GuildSettingValues {
  const values: GuildSettingValues = { ...defaults };
  for (const { key, value } of rows) {
    if (!Object.hasOwn(validators, key)) continue;
    let decoded: unknown;
    try {
      decoded = JSON.parse(value);
    } catch {
      continue;
    }
    if (validators[key as GuildSettingKey](decoded) === undefined) {
      (values as unknown as Record<string, unknown>)[key] = decoded;
    }
  }
  return values;
}
