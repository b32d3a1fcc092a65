import { DbError } from './errors.js';

/** 17–20 decimal digits: every Discord snowflake issued so far and for decades to come. */
const SNOWFLAKE = /^[0-9]{17,20}$/;

/**
 * Throws `ZRX_DB_GUILD_ID` unless `guildId` is a Discord snowflake. Because only digits pass,
 * a file name built from a validated id can never contain a separator or `..`, so it can never
 * point outside the data directory.
 */
export function assertGuildId(guildId: unknown): asserts guildId is string {
  if (typeof guildId !== 'string' || !SNOWFLAKE.test(guildId)) {
    throw new DbError(
      'ZRX_DB_GUILD_ID',
      `Guild id ${JSON.stringify(guildId)} is not a Discord snowflake (17–20 digits).`,
      'Pass guild.id from discord.js (a string of digits); never a name or a user-supplied path.',
    );
  }
}
