import { Command } from '@sapphire/framework';
import { replyEmbed } from '@zoryx/framework';
import { formatModAction } from '../mod-log-format.js';
import { moderationApi, refuse } from '../target.js';

/** How many entries `modlog` shows. */
const SHOWN = 10;

/** `/modlog [user]` and `!modlog [@user]`: the newest entries of the server's mod log. */
export class ModlogCommand extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, {
      ...options,
      name: 'modlog',
      description: "Shows the server's latest moderation actions",
      requiredUserPermissions: ['ModerateMembers'],
      runIn: ['GUILD_ANY'],
    });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder
        .setName(this.name)
        .setDescription(this.description)
        .addUserOption((o) => o.setName('user').setDescription('Only the actions on this member')),
    );
  }

  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    if (!interaction.guildId) {
      await refuse(interaction, 'The mod log is kept per server: use this in a server.');
      return;
    }
    const user = interaction.options.getUser('user');
    const entries = await moderationApi(this).history(interaction.guildId, {
      limit: SHOWN,
      ...(user ? { userId: user.id } : {}),
    });
    const title = user ? `Mod log of ${user.username}` : 'Mod log';
    const body =
      entries.length === 0
        ? 'No moderation actions recorded.'
        : entries.map(formatModAction).join('\n');
    await interaction.reply({ embeds: [replyEmbed('info', body, title)] });
  }
}
