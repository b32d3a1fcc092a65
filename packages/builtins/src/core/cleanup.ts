import { defineCommand } from '@zoryx/framework';
import { styledEmbed } from '../shared/embeds.js';
import { formatMegabytes } from '../shared/format.js';
import { respond } from '../shared/replies.js';

/**
 * `cleanup`: frees what the bot can rebuild (the store's file cache, idle guild databases) and
 * flushes pending command-usage records. Owner-only.
 */
export const cleanupCommand = defineCommand({
  name: 'cleanup',
  description: 'Frees caches and idle database handles (bot owners)',
  access: 'owner',
  async run(interaction, _args, { client: bot }) {
    const heapBefore = process.memoryUsage().heapUsed;
    const cachedFiles = bot.store.stats().cacheSize;
    bot.store.clearCache();
    const closed = bot.db.closeIdle();
    const pending = bot.dataStats().pendingUsageRecords;
    await bot.commandStats();
    const heapAfter = process.memoryUsage().heapUsed;
    return respond(interaction, [
      styledEmbed('success', 'Cleanup done', undefined, [
        { name: 'Store cache', value: `${cachedFiles} files dropped`, inline: true },
        { name: 'Idle guild databases closed', value: String(closed), inline: true },
        { name: 'Usage records flushed', value: String(pending), inline: true },
        {
          name: 'Heap',
          value: `${formatMegabytes(heapBefore)} → ${formatMegabytes(heapAfter)}`,
          inline: true,
        },
      ]),
    ]);
  },
});
