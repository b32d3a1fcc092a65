import { Command } from '@sapphire/framework';
import { replyEmbed, type ZoryxClient } from '@zoryx/framework';
import type { LevelingApi } from '../types.js';

/** `/rank [user]` and `!rank [@user]`: level, XP, position and what the next level needs. */
export class RankCommand extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, { ...options, name: 'rank', description: "Shows a member's level and XP" });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder
        .setName(this.name)
        .setDescription(this.description)
        .addUserOption((o) => o.setName('user').setDescription('Whose rank (default: yours)')),
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
    const user = interaction.options.getUser('user') ?? interaction.user;
    const rank = await leveling.rankOf(interaction.guildId, user.id);
    const body =
      rank.xp === 0
        ? `${user.username} has no XP yet: XP comes with chatting.`
        : `Level **${rank.level}** · ${rank.xp} XP · rank #${rank.position}\n` +
          `${rank.nextLevelXp - rank.xp} XP to level ${rank.level + 1}`;
    await interaction.reply({ embeds: [replyEmbed('info', body, user.username)] });
  }
}
