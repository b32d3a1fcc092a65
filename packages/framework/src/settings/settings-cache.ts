import { LRUCache } from 'lru-cache';
import type { GuildSettingValues } from './setting-schema.js';

/** What a guild set, decoded; defaults are applied on read, so a config change shows at once. */
export type StoredSettings = Readonly<Partial<GuildSettingValues>>;

/** Hit and miss counters of the settings cache (for `cachestats`). */
export interface SettingsCacheStats {
  /** Guilds whose settings are cached. */
  size: number;
  hits: number;
  misses: number;
}

/**
 * Stored settings of recently used guilds, least recently used evicted first (lru-cache: a
 * linked list over a Map, so a hit costs the same with 10 or 10,000 guilds cached; re-inserting
 * into a plain Map on every hit degrades with size in V8). A load that overlaps any invalidation
 * is not stored, so a read racing a write can never cache the value the write replaced.
 */
export class SettingsCache {
  readonly #entries: LRUCache<string, StoredSettings>;
  readonly #loading = new Map<string, Promise<StoredSettings>>();
  #epoch = 0;
  #hits = 0;
  #misses = 0;

  public constructor(max: number) {
    this.#entries = new LRUCache({ max });
  }

  /** Size and counters since start. */
  public stats(): SettingsCacheStats {
    return { size: this.#entries.size, hits: this.#hits, misses: this.#misses };
  }

  /** The cached settings of `guildId`, loading them with `load` on a miss. */
  public get(
    guildId: string,
    load: () => Promise<StoredSettings>,
  ): StoredSettings | Promise<StoredSettings> {
    const cached = this.#entries.get(guildId);
    if (cached !== undefined) {
      this.#hits += 1;
      return cached;
    }
    this.#misses += 1;
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
