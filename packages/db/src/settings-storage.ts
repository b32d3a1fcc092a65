import type { CompiledQuery, DatabaseConnection, Kysely } from 'kysely';
import type { Backend } from './backend/backend.js';
import { createKysely } from './driver.js';
import type { GuildSettingKey } from './setting-schema.js';
import type { SettingsStorage } from './settings.js';
import type { GuildTables } from './tables.js';

/** Runs queries on one guild's connection under a single lease. */
export type GuildRunner = <T>(
  guildId: string,
  run: (connection: DatabaseConnection) => Promise<T>,
) => Promise<T>;

/**
 * `guild_settings` reads and writes. Queries are compiled by the backend's dialect once (reads)
 * or per call (writes) and run on one lease, so a settings miss costs one open/migrate check and
 * one statement instead of two leases through a query builder.
 */
export class GuildSettingsStorage implements SettingsStorage {
  readonly #compiler: Kysely<GuildTables>;
  readonly #read: CompiledQuery;
  readonly #now: () => number;
  readonly #run: GuildRunner;

  public constructor(backend: Backend, now: () => number, run: GuildRunner) {
    // Only ever used to compile; executing through it would be a bug, so acquiring rejects.
    this.#compiler = createKysely<GuildTables>(backend, {
      acquire: () => Promise.reject(new Error('settings compiler cannot execute')),
      release: () => {},
    });
    this.#read = this.#compiler.selectFrom('guild_settings').select(['key', 'value']).compile();
    this.#now = now;
    this.#run = run;
  }

  public read(guildId: string): Promise<{ key: string; value: string }[]> {
    return this.#run(guildId, async (connection) => {
      const result = await connection.executeQuery<{ key: string; value: string }>(this.#read);
      return [...result.rows];
    });
  }

  public async write(guildId: string, key: GuildSettingKey, json: string): Promise<void> {
    const updatedAt = this.#now();
    const query = this.#compiler
      .insertInto('guild_settings')
      .values({ key, value: json, updated_at: updatedAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: updatedAt }))
      .compile();
    await this.#run(guildId, (connection) => connection.executeQuery(query));
  }

  public async remove(guildId: string, key: GuildSettingKey): Promise<void> {
    const query = this.#compiler.deleteFrom('guild_settings').where('key', '=', key).compile();
    await this.#run(guildId, (connection) => connection.executeQuery(query));
  }
}
