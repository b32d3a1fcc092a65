import { version as sapphireVersion } from '@sapphire/framework';
import { defineCommand, type ZoryxClient } from '@zoryx/framework';
import { version as discordVersion, type EmbedBuilder } from 'discord.js';
import { styledEmbed } from '../shared/embeds.js';
import { respond } from '../shared/replies.js';
import { formatUptime, uptimeMs } from '../shared/uptime.js';

/** Version of the built-in extensions (kept in step with the package). */
export const BUILTINS_VERSION = '0.1.0';

/** The about/credits embed: what the bot runs on, who made it, where to read more. */
export function aboutEmbed(bot: ZoryxClient): EmbedBuilder {
  const loaded = bot.extensions.status().filter((s) => s.state === 'loaded').length;
  return styledEmbed(
    'info',
    'About',
    `**${bot.user?.username ?? 'This bot'}** runs on **Zoryx**, a plugin-host framework for Discord bots built on Sapphire and discord.js: hot-reloaded extensions, an event-hook bus, an atomic store, per-guild databases, and slash commands that always fit Discord's limits.`,
    [
      { name: 'Zoryx built-ins', value: BUILTINS_VERSION, inline: true },
      { name: 'discord.js', value: discordVersion, inline: true },
      { name: 'Sapphire', value: sapphireVersion, inline: true },
      { name: 'Node.js', value: process.version, inline: true },
      { name: 'Uptime', value: formatUptime(uptimeMs(bot)), inline: true },
      { name: 'Extensions loaded', value: String(loaded), inline: true },
      {
        name: 'Credits',
        value:
          'Zoryx is MIT-licensed. Inspired by the behaviour of the Zoryx Discord Bot Framework for discord.py by TheHolyOneZ; written anew in TypeScript.',
      },
    ],
  );
}

/** `about`: framework information (aliases of the original: `framework`, `botinfo`). */
export const aboutCommand = defineCommand({
  name: 'about',
  description: 'What this bot runs on: Zoryx, discord.js, Sapphire and Node versions, credits',
  run: (interaction, _args, ctx) => respond(interaction, [aboutEmbed(ctx.client)]),
});
