import { Command } from '@sapphire/framework';
import { replyEmbed, type ZoryxClient } from '@zoryx/framework';
import type { LevelingApi } from '../types.js';

/** How many members the leaderboard shows. */
const SHOWN = 10;

/** `/leaderboard` and `!leaderboard`: the members with the most XP. */
export class LeaderboardCommand extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, {
      ...options,
      name: 'leaderboard',
      description: 'Shows the members with the most XP',
    });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder.setName(this.name).setDescription(this.description),
    );
  }

  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    if (!interaction.guildId) {
      await interaction.reply('Levels are kept per server: use this in a server.');
      return;
    }
    const leveling = (this.container.client as ZoryxClient).extensions.api(
      'leveling',
    ) as LevelingApi;
    const top = await leveling.leaderboard(interaction.guildId, SHOWN);
    const body =
      top.length === 0
        ? 'Nobody has XP yet.'
        : top
            .map((r) => `**${r.position}.** <@${r.userId}> · level ${r.level} · ${r.xp} XP`)
            .join('\n');
    await interaction.reply({ embeds: [replyEmbed('info', body, 'Leaderboard')] });
  }
}
