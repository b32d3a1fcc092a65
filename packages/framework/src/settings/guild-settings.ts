import type { ZoryxDatabase } from '@zoryx/db';
import {
  assertSettingKey,
  assertSettingsGuildId,
  assertSettingValue,
  decodeSettings,
  type GuildSettingKey,
  type GuildSettingValues,
} from './setting-schema.js';
import { SettingsCache, type SettingsCacheStats, type StoredSettings } from './settings-cache.js';
import { GuildSettingsStorage } from './settings-table.js';
// Kept as a bare import too, so the `guild_settings` table declaration reaches the built types.
import './settings-table.js';

/** Guilds whose settings stay cached. */
const CACHE_SIZE = 10_000;

/**
 * Typed access to one guild's settings, from `bot.settings(guildId)`. Reads come from a cache
 * (one entry per guild) and fall back to the guild database's `guild_settings`; every write
 * invalidates the guild's entry. A value the guild never set is the default from the config.
 *
 * @example
 * ```ts
 * const settings = bot.settings(interaction.guildId);
 * const prefix = await settings.get('prefix');        // string
 * await settings.set('mentionPrefix', false);         // boolean, validated
 * ```
 */
export interface GuildSettings {
  /** The guild these settings belong to. */
  readonly guildId: string;
  /** One setting's value (the default if the guild never set it). */
  get<K extends GuildSettingKey>(key: K): Promise<GuildSettingValues[K]>;
  /** All settings at once. */
  getAll(): Promise<Readonly<GuildSettingValues>>;
  /** Validates and stores a value; throws `ZRX_GUILD_SETTING` on an unknown key or a bad value. */
  set<K extends GuildSettingKey>(key: K, value: GuildSettingValues[K]): Promise<void>;
  /** Forgets the stored value so the default applies again. */
  reset(key: GuildSettingKey): Promise<void>;
}

/** What {@link GuildSettingsService} is built on. */
export interface GuildSettingsServiceOptions {
  db: ZoryxDatabase;
  /** The values of guilds that never set one (read on every access: config changes apply). */
  defaults: () => Readonly<GuildSettingValues>;
  /** Resolves once the framework's guild migrations (with `guild_settings`) are registered. */
  ready: () => Promise<void>;
  /** Guilds kept in the cache. Default 10,000. */
  cacheSize?: number;
  now?: () => number;
}

/** Every live settings service of this process (one per bot), for {@link settingsSync}. */
const liveServices = new Set<GuildSettingsService>();
const writeListeners = new Set<(guildId: string) => void>();

/**
 * @internal Cross-process settings-cache invalidation, for `@zoryx/cluster`: the settings
 * cache is per process, so a worker that writes a guild's setting tells the others, which then
 * drop that guild's entry and read it fresh.
 */
export const settingsSync = {
  /** Calls `listener` after every local write or reset of a guild's setting; returns the off switch. */
  onLocalWrite(listener: (guildId: string) => void): () => void {
    writeListeners.add(listener);
    return () => writeListeners.delete(listener);
  },
  /** Drops `guildId` from every settings cache of this process (another process wrote it). */
  invalidate(guildId: string): void {
    for (const service of liveServices) service.invalidate(guildId);
  },
};

/**
 * The framework's guild settings: a cache over `guild_settings` rows. It follows the data
 * layer's restores and removals of guild databases (`onGuildReset`), so a restored guild never
 * reads values of the database it replaced.
 */
export class GuildSettingsService {
  readonly #cache: SettingsCache;
  readonly #storage: GuildSettingsStorage;
  readonly #defaults: () => Readonly<GuildSettingValues>;
  readonly #unsubscribe: () => void;

  public constructor(options: GuildSettingsServiceOptions) {
    this.#cache = new SettingsCache(options.cacheSize ?? CACHE_SIZE);
    this.#storage = new GuildSettingsStorage(options.db, options.ready, options.now);
    this.#defaults = options.defaults;
    this.#unsubscribe = options.db.onGuildReset((guildId) => this.#cache.invalidate(guildId));
    liveServices.add(this);
  }

  /** @internal Drops `guildId`'s cached settings (see {@link settingsSync}). */
  public invalidate(guildId: string): void {
    this.#cache.invalidate(guildId);
  }

  #written(guildId: string): void {
    this.#cache.invalidate(guildId);
    for (const listener of writeListeners) listener(guildId);
  }

  /** The settings of one guild; throws `ZRX_GUILD_SETTING` when `guildId` is not a snowflake. */
  public of(guildId: string): GuildSettings {
    assertSettingsGuildId(guildId);
    return new GuildSettingsView(guildId, this);
  }

  /** The cache's size and counters. */
  public cacheStats(): SettingsCacheStats {
    return this.#cache.stats();
  }

  /** Stops following the database (on shutdown). */
  public close(): void {
    liveServices.delete(this);
    this.#unsubscribe();
  }

  /** @internal What `guildId` set, from the cache or its database. */
  public stored(guildId: string): StoredSettings | Promise<StoredSettings> {
    return this.#cache.get(guildId, async () =>
      Object.freeze(decodeSettings(await this.#storage.read(guildId))),
    );
  }

  /** @internal The defaults in force now. */
  public defaults(): Readonly<GuildSettingValues> {
    return this.#defaults();
  }

  /** @internal Stores a validated value and invalidates the guild (also when the write failed). */
  public async write(guildId: string, key: GuildSettingKey, value: unknown): Promise<void> {
    try {
      await this.#storage.write(guildId, key, JSON.stringify(value));
    } finally {
      this.#written(guildId);
    }
  }

  /** @internal Forgets a value and invalidates the guild. */
  public async remove(guildId: string, key: GuildSettingKey): Promise<void> {
    try {
      await this.#storage.remove(guildId, key);
    } finally {
      this.#written(guildId);
    }
  }
}

/** {@link GuildSettings} of one guild over the service. */
class GuildSettingsView implements GuildSettings {
  public constructor(
    public readonly guildId: string,
    private readonly service: GuildSettingsService,
  ) {}

  public async get<K extends GuildSettingKey>(key: K): Promise<GuildSettingValues[K]> {
    assertSettingKey(key, `settings(${this.guildId}).get`);
    const stored = await this.service.stored(this.guildId);
    return Object.hasOwn(stored, key)
      ? (stored[key] as GuildSettingValues[K])
      : this.service.defaults()[key];
  }

  public async getAll(): Promise<Readonly<GuildSettingValues>> {
    const stored = await this.service.stored(this.guildId);
    return Object.freeze({ ...this.service.defaults(), ...stored });
  }

  public async set<K extends GuildSettingKey>(key: K, value: GuildSettingValues[K]): Promise<void> {
    const where = `settings(${this.guildId}).set`;
    assertSettingKey(key, where);
    assertSettingValue(key, value, where);
    await this.service.write(this.guildId, key, value);
  }

  public async reset(key: GuildSettingKey): Promise<void> {
    assertSettingKey(key, `settings(${this.guildId}).reset`);
    await this.service.remove(this.guildId, key);
  }
}
