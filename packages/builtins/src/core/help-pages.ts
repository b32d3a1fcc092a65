import type { AccessLevel, ZoryxClient } from '@zoryx/framework';
import { cooldownRuleFor } from '@zoryx/framework/internals';
import type { EmbedBuilder } from 'discord.js';
import { clip, styledEmbed } from '../shared/embeds.js';
import { paginate } from '../shared/pagination.js';
import { type CatalogEntry, REACH_LABEL } from './command-catalog.js';

/** Commands per help page (as the original). */
export const HELP_PAGE_SIZE = 5;

const ACCESS_LABEL: Readonly<Record<AccessLevel, string>> = {
  everyone: 'Everyone',
  admin: 'Administrators (and roles the server allowed)',
  'guild-owner': 'The server owner and the bot owners',
  owner: 'Bot owners only',
};

/** The categories of a catalog with their command counts, in catalog order. */
export function categoriesOf(entries: readonly CatalogEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
  return counts;
}

function howToRun(entry: CatalogEntry, prefix: string): string {
  const ways = [
    entry.slashPath ? `\`${entry.slashPath}\`` : undefined,
    `\`${prefix}${entry.name}\``,
  ];
  return ways.filter(Boolean).join(' · ');
}

/** The first help screen: the legend and every category with its commands' names. */
export function overviewEmbed(entries: readonly CatalogEntry[], prefix: string): EmbedBuilder {
  const categories = categoriesOf(entries);
  const fields = [...categories.keys()].map((category) => ({
    name: `${category} (${categories.get(category)})`,
    value: clip(
      entries
        .filter((e) => e.category === category)
        .map((e) => `\`${e.name}\``)
        .join(' '),
      1024,
    ),
  }));
  return styledEmbed(
    'info',
    'Help',
    [
      `${entries.length} commands. Run them as slash commands, with the prefix \`${prefix}\`, or by mentioning the bot.`,
      'Markers: **slash** = its own slash command · **folded** = a subcommand of a category (e.g. `/core stats`) · **prefix-only** = over Discord’s slash limit, prefix and mention only.',
      `Pick a category below, or use \`${prefix}help <command>\` for details.`,
    ].join('\n'),
    fields,
  );
}

/** The pages of one category, {@link HELP_PAGE_SIZE} commands each. */
export function categoryPages(
  entries: readonly CatalogEntry[],
  category: string,
  prefix: string,
): EmbedBuilder[] {
  const inCategory = entries.filter((e) => e.category === category);
  const pages = paginate(inCategory, HELP_PAGE_SIZE);
  return pages.map((chunk, index) =>
    styledEmbed(
      'info',
      `Help — ${category}`,
      `${inCategory.length} commands in **${category}**.`,
      chunk.map((entry) => ({
        name: `${entry.name} · ${REACH_LABEL[entry.reach]}`,
        value: `${entry.description || 'No description.'}\n${howToRun(entry, prefix)}`,
      })),
    ).setFooter({ text: `Page ${index + 1}/${pages.length}` }),
  );
}

/** Everything about one command, for `help <command>`. */
export function commandDetailEmbed(
  bot: ZoryxClient,
  entry: CatalogEntry,
  prefix: string,
): EmbedBuilder {
  const command = bot.stores.get('commands').get(entry.name);
  const rule = command ? cooldownRuleFor(command, bot.config) : undefined;
  const reach =
    REACH_LABEL[entry.reach] +
    (entry.reason && entry.reach !== 'slash' ? ` (${entry.reason})` : '');
  return styledEmbed('info', `Help — ${entry.name}`, entry.description || 'No description.', [
    { name: 'Category', value: entry.category, inline: true },
    { name: 'Type', value: reach, inline: true },
    { name: 'Who can use it', value: ACCESS_LABEL[entry.access], inline: true },
    { name: 'Slash', value: entry.slashPath ? `\`${entry.slashPath}\`` : 'none', inline: true },
    { name: 'Prefix', value: `\`${prefix}${entry.usage}\``, inline: true },
    { name: 'Mention', value: `\`@${bot.user?.username ?? 'bot'} ${entry.usage}\``, inline: true },
    {
      name: 'Cooldown',
      value: rule ? `${rule.limit} per ${rule.windowMs / 1000} s` : 'none',
      inline: true,
    },
    ...(entry.detail ? [{ name: 'Details', value: entry.detail }] : []),
  ]);
}
