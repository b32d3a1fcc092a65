import { defineCommand } from '@zoryx/framework';
import { styledEmbed } from '../shared/embeds.js';
import { formatMs, formatPercent } from '../shared/format.js';
import { respond } from '../shared/replies.js';

/** `cachestats`: the store's file cache, the settings cache, cooldowns and discord.js caches. */
export const cachestatsCommand = defineCommand({
  name: 'cachestats',
  description: 'Cache statistics: store, guild settings, cooldowns, Discord caches (bot owners)',
  access: 'owner',
  async run(interaction, _args, { client: bot }) {
    const store = bot.store.stats();
    const settings = bot.dataStats().settingsCache;
    const settingsRate =
      settings.hits + settings.misses === 0 ? 0 : settings.hits / (settings.hits + settings.misses);
    return respond(interaction, [
      styledEmbed('info', 'Cache statistics', undefined, [
        {
          name: 'Store file cache',
          value: `${store.cacheSize}/${store.cacheMax} files · TTL ${store.cacheTtlMs / 1000} s\n${store.hits} hits · ${store.misses} misses · hit rate ${formatPercent(store.hitRate)}`,
        },
        {
          name: 'Store I/O',
          value: `${store.reads} reads · ${store.writes} writes (${store.coalescedWrites} coalesced) · ${store.failures} failures · ${store.activeLocks} active locks`,
        },
        {
          name: 'Guild settings cache',
          value: `${settings.size} guilds · ${settings.hits} hits · ${settings.misses} misses · hit rate ${formatPercent(settingsRate)}`,
        },
        { name: 'Cooldown entries', value: String(bot.cooldowns.size), inline: true },
        { name: 'Guilds cached', value: String(bot.guilds.cache.size), inline: true },
        { name: 'Users cached', value: String(bot.users.cache.size), inline: true },
        { name: 'Channels cached', value: String(bot.channels.cache.size), inline: true },
      ]),
    ]);
  },
});

/** `dbstats`: the data layer's pool, migrations, backups and command-usage records. */
export const dbstatsCommand = defineCommand({
  name: 'dbstats',
  description: 'Database statistics: guild pool, migrations, backups, command usage (bot owners)',
  access: 'owner',
  async run(interaction, _args, { client: bot }) {
    const started = performance.now();
    const usage = await bot.commandStats();
    const queryMs = performance.now() - started;
    const stats = bot.db.stats();
    const total = usage.reduce((sum, u) => sum + u.count, 0);
    return respond(interaction, [
      styledEmbed('info', 'Database statistics', undefined, [
        {
          name: 'Guild databases',
          value: `${stats.openGuilds}/${stats.maxOpenGuilds} open · ${stats.inFlight} in flight`,
          inline: true,
        },
        {
          name: 'Pool',
          value: `${stats.hits} hits · ${stats.misses} opens · ${stats.evictions} evictions · ${stats.idleCloses} idle closes`,
          inline: true,
        },
        { name: 'Migrations applied', value: String(stats.migrationsApplied), inline: true },
        { name: 'Backups written', value: String(stats.backupsWritten), inline: true },
        {
          name: 'Command usage',
          value: `${usage.length} commands · ${total} uses recorded · ${bot.dataStats().pendingUsageRecords} pending`,
          inline: true,
        },
        { name: 'Usage query', value: formatMs(queryMs), inline: true },
      ]),
    ]);
  },
});
