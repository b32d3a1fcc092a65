import { LRUCache } from 'lru-cache';
import {
  assertSettingKey,
  assertSettingValue,
  decodeSettings,
  type GuildSettingKey,
  type GuildSettingValues,
} from './setting-schema.js';

/**
 * Typed access to one guild's settings. Reads come from a cache (one entry per guild with all its
 * settings) and fall back to the guild database; every write invalidates the guild's entry.
 *
 * @example
 * ```ts
 * const settings = db.settings(message.guildId);
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
  /** Validates and stores a value; throws `ZRX_DB_SETTING` on an unknown key or a bad value. */
  set<K extends GuildSettingKey>(key: K, value: GuildSettingValues[K]): Promise<void>;
  /** Forgets the stored value so the default applies again. */
  reset(key: GuildSettingKey): Promise<void>;
}

/** What the settings view needs from the database, kept abstract for testing and dialects. */
export interface SettingsStorage {
  read(guildId: string): Promise<{ key: string; value: string }[]>;
  write(guildId: string, key: GuildSettingKey, json: string): Promise<void>;
  remove(guildId: string, key: GuildSettingKey): Promise<void>;
}

/**
 * Decoded settings of recently used guilds, least recently used evicted first (lru-cache: a
 * linked list over a Map, so a hit costs the same with 10 or 10,000 guilds cached; re-inserting
 * into a plain Map on every hit degrades with size in V8). A load that overlaps any invalidation
 * is not stored, so a read racing a write can never cache the value the write replaced.
 */
export class SettingsCache {
  readonly #entries: LRUCache<string, Readonly<GuildSettingValues>>;
  readonly #loading = new Map<string, Promise<Readonly<GuildSettingValues>>>();
  #epoch = 0;
  public hits = 0;
  public misses = 0;

  public constructor(max: number) {
    this.#entries = new LRUCache({ max });
  }

  public get size(): number {
    return this.#entries.size;
  }

  /** The cached settings of `guildId`, loading them with `load` on a miss. */
  public get(
    guildId: string,
    load: () => Promise<Readonly<GuildSettingValues>>,
  ): Readonly<GuildSettingValues> | Promise<Readonly<GuildSettingValues>> {
    const cached = this.#entries.get(guildId);
    if (cached !== undefined) {
      this.hits += 1;
      return cached;
    }
    this.misses += 1;
    const pending = this.#loading.get(guildId);
    if (pending !== undefined) return pending;
    const epoch = this.#epoch;
    const loading = load()
      .then((values) => {
        if (epoch === this.#epoch) this.#entries.set(guildId, values);
        return values;
      })
      .finally(() => {
        if (this.#loading.get(guildId) === loading) this.#loading.delete(guildId);
      });
    this.#loading.set(guildId, loading);
    return loading;
  }

  /** Drops `guildId`'s entry and voids loads in progress. */
  public invalidate(guildId: string): void {
    this.#epoch += 1;
    this.#entries.delete(guildId);
    this.#loading.delete(guildId);
  }
}

/** The {@link GuildSettings} of one guild over a cache and a storage. */
export class GuildSettingsView implements GuildSettings {
  public readonly guildId: string;
  readonly #cache: SettingsCache;
  readonly #storage: SettingsStorage;
  readonly #defaults: Readonly<GuildSettingValues>;

  public constructor(
    guildId: string,
    cache: SettingsCache,
    storage: SettingsStorage,
    defaults: Readonly<GuildSettingValues>,
  ) {
    this.guildId = guildId;
    this.#cache = cache;
    this.#storage = storage;
    this.#defaults = defaults;
  }

  #load = async (): Promise<Readonly<GuildSettingValues>> =>
    Object.freeze(decodeSettings(await this.#storage.read(this.guildId), this.#defaults));

  public async get<K extends GuildSettingKey>(key: K): Promise<GuildSettingValues[K]> {
    assertSettingKey(key, `settings(${this.guildId}).get`);
    return (await this.#cache.get(this.guildId, this.#load))[key];
  }

  public async getAll(): Promise<Readonly<GuildSettingValues>> {
    return this.#cache.get(this.guildId, this.#load);
  }

  public async set<K extends GuildSettingKey>(key: K, value: GuildSettingValues[K]): Promise<void> {
    const where = `settings(${this.guildId}).set`;
    assertSettingKey(key, where);
    assertSettingValue(key, value, where);
    try {
      await this.#storage.write(this.guildId, key, JSON.stringify(value));
    } finally {
      this.#cache.invalidate(this.guildId);
    }
  }

  public async reset(key: GuildSettingKey): Promise<void> {
    assertSettingKey(key, `settings(${this.guildId}).reset`);
    try {
      await this.#storage.remove(this.guildId, key);
    } finally {
      this.#cache.invalidate(this.guildId);
    }
  }
}
