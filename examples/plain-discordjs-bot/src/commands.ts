import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  type Message,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from 'discord.js';
import { levelFor } from './events.js';
import type { Leaderboard, RankedMember } from './leaderboard.js';

/** The prefix of the message commands (`!count`, `!top`). */
export const PREFIX = '!';

/** How many members `!top` and `/top` list when not told otherwise. */
export const DEFAULT_TOP_LIMIT = 10;

/** The most `/top` accepts (Discord allows 2,000 characters per message; 25 lines fit). */
export const MAX_TOP_LIMIT = 25;

/** What the command handlers need from the bot. */
export interface CommandContext {
  readonly leaderboard: Leaderboard;
  readonly messagesPerLevel: number;
}

/** The `/top` slash command as registered with Discord. */
export const slashCommands: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  new SlashCommandBuilder()
    .setName('top')
    .setDescription('Show who sent the most messages in this server')
    .setContexts(InteractionContextType.Guild)
    .addIntegerOption((option) =>
      option
        .setName('limit')
        .setDescription(`How many members to list (default ${DEFAULT_TOP_LIMIT})`)
        .setMinValue(1)
        .setMaxValue(MAX_TOP_LIMIT),
    )
    .toJSON(),
];

/**
 * Answers `!count` and `!top [n]`. `count` is the author's count including this message.
 * Resolves `false` when the message is not one of our commands.
 */
export async function handlePrefixCommand(
  message: Message<true>,
  count: number,
  context: CommandContext,
): Promise<boolean> {
  if (!message.content.startsWith(PREFIX)) return false;
  const [name, argument] = message.content.slice(PREFIX.length).trim().split(/\s+/);
  switch (name?.toLowerCase()) {
    case 'count': {
      const level = levelFor(count, context.messagesPerLevel);
      await message.reply({
        content: `${message.author.username}, you have sent ${plural(count, 'message')} here (level ${level}).`,
        allowedMentions: { parse: [], repliedUser: false },
      });
      return true;
    }
    case 'top': {
      const limit = parseLimit(argument);
      const ranked = await context.leaderboard.top(message.guildId, limit);
      await message.reply({
        content: formatLeaderboard(message.guild.name, ranked),
        allowedMentions: { parse: [], repliedUser: false },
      });
      return true;
    }
    default:
      return false;
  }
}

/** Answers `/top [limit]`. Resolves `false` for any other interaction. */
export async function handleSlashCommand(
  interaction: ChatInputCommandInteraction,
  context: CommandContext,
): Promise<boolean> {
  if (interaction.commandName !== 'top') return false;
  if (!interaction.inCachedGuild()) {
    await interaction.reply({ content: 'Use /top in a server.', flags: 'Ephemeral' });
    return true;
  }
  const limit = interaction.options.getInteger('limit') ?? DEFAULT_TOP_LIMIT;
  const ranked = await context.leaderboard.top(interaction.guildId, limit);
  await interaction.reply({
    content: formatLeaderboard(interaction.guild.name, ranked),
    allowedMentions: { parse: [] },
  });
  return true;
}

/** The leaderboard text both commands reply with. */
export function formatLeaderboard(guildName: string, ranked: readonly RankedMember[]): string {
  if (ranked.length === 0) return `Nobody has written in ${guildName} yet.`;
  const lines = ranked.map((m) => `${m.rank}. ${m.name} — ${plural(m.count, 'message')}`);
  return [`Top members of ${guildName}:`, ...lines].join('\n');
}

/** `!top 3` → 3; no, a bad or out-of-range number → the default or the nearest bound. */
function parseLimit(argument: string | undefined): number {
  const parsed = Number.parseInt(argument ?? '', 10);
  if (Number.isNaN(parsed)) return DEFAULT_TOP_LIMIT;
  return Math.min(Math.max(parsed, 1), MAX_TOP_LIMIT);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
