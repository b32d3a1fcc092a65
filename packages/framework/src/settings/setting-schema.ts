import { FrameworkError } from '../errors.js';

/** The typed settings every guild has. Defaults come from the bot's config (see `settings()`). */
export interface GuildSettingValues {
  /** Prefix of prefix commands: 1–5 characters, no whitespace. Default: config `prefix`. */
  prefix: string;
  /** Whether `@Bot command` works in this guild. Default: config `mentionPrefix`. */
  mentionPrefix: boolean;
  /** BCP 47 language tag for replies (`en-US`, `de`), or `null` for the bot's default. */
  locale: string | null;
}

/** A setting name; anything else is a type error (and `ZRX_GUILD_SETTING` at run time). */
export type GuildSettingKey = keyof GuildSettingValues;

const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** 17–20 decimal digits: every Discord snowflake issued so far and for decades to come. */
const SNOWFLAKE = /^[0-9]{17,20}$/;

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

/** Throws `ZRX_GUILD_SETTING` unless `guildId` is a Discord snowflake. */
export function assertSettingsGuildId(guildId: unknown): asserts guildId is string {
  if (typeof guildId !== 'string' || !SNOWFLAKE.test(guildId)) {
    throw new FrameworkError(
      'ZRX_GUILD_SETTING',
      `settings(${JSON.stringify(guildId)}): not a guild id (a Discord snowflake of 17–20 digits).`,
      'Pass guild.id (or interaction.guildId in a guild) from discord.js.',
    );
  }
}

/** Throws `ZRX_GUILD_SETTING` unless `key` names a known setting. */
export function assertSettingKey(key: unknown, where: string): asserts key is GuildSettingKey {
  if (typeof key !== 'string' || !Object.hasOwn(validators, key)) {
    throw new FrameworkError(
      'ZRX_GUILD_SETTING',
      `Unknown setting ${JSON.stringify(key)} (${where}).`,
      `Use one of: ${Object.keys(validators).join(', ')}.`,
    );
  }
}

/** Throws `ZRX_GUILD_SETTING` unless `value` is valid for `key`. */
export function assertSettingValue(key: GuildSettingKey, value: unknown, where: string): void {
  const problem = validators[key](value);
  if (problem !== undefined) {
    throw new FrameworkError(
      'ZRX_GUILD_SETTING',
      `Setting "${key}" ${problem}; got ${JSON.stringify(value)} (${where}).`,
      key === 'prefix'
        ? 'Pick 1–5 visible characters without spaces, such as "!" or "?!".'
        : `Pass a valid ${key}.`,
    );
  }
}

/**
 * Decodes stored rows (JSON values) into the values a guild set, skipping rows of unknown keys
 * or invalid content (an older or newer version may have written them): those fall back to the
 * defaults instead of breaking the guild.
 */
export function decodeSettings(
  rows: readonly { key: string; value: string }[],
): Partial<GuildSettingValues> {
  const values: Partial<Record<GuildSettingKey, unknown>> = {};
  for (const { key, value } of rows) {
    if (!Object.hasOwn(validators, key)) continue;
    let decoded: unknown;
    try {
      decoded = JSON.parse(value);
    } catch {
      continue;
    }
    if (validators[key as GuildSettingKey](decoded) === undefined) {
      values[key as GuildSettingKey] = decoded;
    }
  }
  return values as Partial<GuildSettingValues>;
}
