import { Command } from '@sapphire/framework';
import type { ZoryxClient } from '@zoryx/framework';
import type { DailyApi } from './types.js';

/** `/daily` (and `!daily`, answered by the framework's prefix fallback). */
export class DailyCommand extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, { ...options, name: 'daily', description: 'Claims your daily coins' });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder.setName(this.name).setDescription(this.description),
    );
  }

  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    if (!interaction.guildId) {
      await interaction.reply('Daily rewards are kept per server: use this in a server.');
      return;
    }
    const daily = (this.container.client as ZoryxClient).extensions.api('daily') as DailyApi;
    const result = await daily.claim(interaction.guildId, interaction.user.id);
    if (!result.ok) {
      await interaction.reply(
        `You already claimed your daily coins. Come back <t:${Math.ceil(result.nextClaimAt / 1000)}:R>.`,
      );
      return;
    }
    await interaction.reply(
      `You claimed ${result.amount} coins (streak: ${result.streak}). Balance: ${result.balance}.`,
    );
  }
}
