import { defineCommand } from '@zoryx/framework';
import { isDispatcher } from '@zoryx/framework/internals';
import { styledEmbed } from '../shared/embeds.js';
import { formatMegabytes } from '../shared/format.js';
import { respond } from '../shared/replies.js';
import { formatUptime, uptimeMs } from '../shared/uptime.js';

/** How many commands `stats` lists as the most used. */
export const TOP_COMMANDS = 5;

/** `stats`: guilds, users, commands, uptime, latency, memory, top commands. */
export const statsCommand = defineCommand({
  name: 'stats',
  description: 'Bot statistics: guilds, users, commands, uptime, latency, memory, top commands',
  async run(interaction, _args, ctx) {
    const bot = ctx.client;
    const guilds = bot.guilds.cache;
    const users = guilds.reduce((sum, guild) => sum + (guild.memberCount ?? 0), 0);
    const commands = [...bot.stores.get('commands').values()].filter((c) => !isDispatcher(c));
    const allTime = await bot.commandStats();
    const top = allTime
      .slice(0, TOP_COMMANDS)
      .map((stat, i) => `${i + 1}. \`${stat.name}\` — ${stat.count}`)
      .join('\n');
    const session = ctx.extensions.get('core')?.sessionUses.total() ?? 0;
    const memory = process.memoryUsage();
    const ping = bot.ws.ping;
    return respond(interaction, [
      styledEmbed('info', 'Statistics', undefined, [
        { name: 'Guilds', value: String(guilds.size), inline: true },
        { name: 'Users', value: String(users), inline: true },
        { name: 'Commands', value: String(commands.length), inline: true },
        { name: 'Uptime', value: formatUptime(uptimeMs(bot)), inline: true },
        {
          name: 'Latency',
          value: ping >= 0 ? `${Math.round(ping)} ms` : 'not measured yet',
          inline: true,
        },
        {
          name: 'Memory',
          value: `${formatMegabytes(memory.rss)} RSS · ${formatMegabytes(memory.heapUsed)} heap`,
          inline: true,
        },
        { name: 'Commands run (this session)', value: String(session), inline: true },
        { name: 'Top commands (all time)', value: top || 'none yet' },
      ]),
    ]);
  },
});
