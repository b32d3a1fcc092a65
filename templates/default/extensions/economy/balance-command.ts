import { Command } from '@sapphire/framework';
import type { ZoryxClient } from '@zoryx/framework';
import type { EconomyApi } from './types.js';

/**
 * `/balance [user]`. There is no `messageRun`: the framework answers `!balance` and
 * `!balance @someone` by parsing the arguments against the slash options and running this
 * `chatInputRun` with a message-backed interaction.
 */
export class BalanceCommand extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, { ...options, name: 'balance', description: "Shows a member's balance" });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder
        .setName(this.name)
        .setDescription(this.description)
        .addUserOption((option) =>
          option.setName('user').setDescription('Whose balance (default: yours)'),
        ),
    );
  }

  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    if (!interaction.guildId) {
      await interaction.reply('Balances are kept per server: use this in a server.');
      return;
    }
    const economy = (this.container.client as ZoryxClient).extensions.api('economy') as EconomyApi;
    const user = interaction.options.getUser('user') ?? interaction.user;
    const [balance, circulation] = await Promise.all([
      economy.balanceOf(interaction.guildId, user.id),
      economy.circulation(interaction.guildId),
    ]);
    const who = user.id === interaction.user.id ? 'You have' : `${user.username} has`;
    await interaction.reply(
      `${who} ${balance} ${economy.currency} (${circulation} in circulation here).`,
    );
  }
}
