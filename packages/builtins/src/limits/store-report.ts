import type { StoreHealth, StoreStats } from '@zoryx/store';
import type { EmbedField } from '../shared/embeds.js';
import { formatPercent } from '../shared/format.js';

const HEALTH: Record<StoreHealth, string> = {
  healthy: '🟢 healthy',
  degraded: '🟡 degraded',
  critical: '🔴 critical',
};

/** The reply kind for a store health. */
export function healthKind(health: StoreHealth): 'success' | 'warning' | 'error' {
  return health === 'healthy' ? 'success' : health === 'degraded' ? 'warning' : 'error';
}

/** The fields of `atomicstats`. */
export function storeFields(stats: StoreStats): EmbedField[] {
  return [
    { name: 'Health', value: HEALTH[stats.health], inline: true },
    {
      name: 'Failure rate',
      value: `${formatPercent(stats.failureRate)} of the last 1,000 operations`,
      inline: true,
    },
    { name: 'Active locks', value: String(stats.activeLocks), inline: true },
    {
      name: 'Cache',
      value: `${stats.cacheSize}/${stats.cacheMax} files · TTL ${Math.round(stats.cacheTtlMs / 1000)} s · hit rate ${formatPercent(stats.hitRate)} (${stats.hits} hits, ${stats.misses} misses, ${stats.bypasses} uncached reads)`,
    },
    {
      name: 'I/O',
      value: `${stats.reads} reads · ${stats.writes} writes (${stats.coalescedWrites} coalesced) · ${stats.deletes} deletes`,
    },
    {
      name: 'Problems',
      value: `${stats.failures} failures · ${stats.retries} retries · ${stats.corruptFiles} corrupt files moved aside · ${stats.strayTempsRemoved} stray temp files removed`,
    },
  ];
}
