import type { Migration, ZoryxDatabase } from '@zoryx/db';
import type { GuildSettingKey } from './setting-schema.js';

type MigrationDb = Parameters<Migration['up']>[0];

/** `guild_settings`: one row per setting a guild set; `value` holds the JSON of the value. */
export interface GuildSettingsTable {
  key: string;
  value: string;
  /** Milliseconds since the Unix epoch of the last write. */
  updated_at: number;
}

declare module '@zoryx/db' {
  interface GuildTables {
    guild_settings: GuildSettingsTable;
  }
}

/**
 * Creates `guild_settings` (part of the framework's guild migrations, owner `framework`).
 * `ifNotExists`: data directories from before the framework owned this table already have it,
 * created by the data layer's owner `zoryx`, with the guilds' values in it.
 */
export const guildSettingsMigrations: Record<string, Migration> = {
  '0002_guild_settings': {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('guild_settings')
        .ifNotExists()
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('guild_settings').ifExists().execute();
    },
  },
};

/** Reads and writes `guild_settings` rows, after the framework's guild migrations are registered. */
export class GuildSettingsStorage {
  public constructor(
    private readonly db: ZoryxDatabase,
    private readonly ready: () => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  async #guild(guildId: string) {
    await this.ready();
    return this.db.guild(guildId);
  }

  /** Every stored row of the guild. */
  public async read(guildId: string): Promise<{ key: string; value: string }[]> {
    return (await this.#guild(guildId))
      .selectFrom('guild_settings')
      .select(['key', 'value'])
      .execute();
  }

  /** Stores one value (already JSON-encoded). */
  public async write(guildId: string, key: GuildSettingKey, json: string): Promise<void> {
    const updatedAt = this.now();
    await (await this.#guild(guildId))
      .insertInto('guild_settings')
      .values({ key, value: json, updated_at: updatedAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: updatedAt }))
      .execute();
  }

  /** Forgets one value. */
  public async remove(guildId: string, key: GuildSettingKey): Promise<void> {
    await (await this.#guild(guildId))
      .deleteFrom('guild_settings')
      .where('key', '=', key)
      .execute();
  }
}
