import { Command } from '@sapphire/framework';
import type { Message } from 'discord.js';

/** The reply of `/ping` and `!ping`: the round trip, and the gateway heartbeat once measured. */
export function pongText(roundTripMs: number, gatewayPingMs: number): string {
  const gateway = gatewayPingMs >= 0 ? ` (gateway ${Math.round(gatewayPingMs)} ms)` : '';
  return `Pong! ${Math.max(0, Math.round(roundTripMs))} ms${gateway}`;
}

/**
 * `/ping` and `!ping`: a hybrid command. It lives in `src/` rather than in an extension because it
 * is part of the bot itself; `src/bot.ts` registers it.
 */
export class PingCommand extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, { ...options, name: 'ping', description: 'Replies with Pong! and the latency' });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder.setName(this.name).setDescription(this.description),
    );
  }

  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    const latency = Date.now() - interaction.createdTimestamp;
    await interaction.reply(pongText(latency, this.container.client.ws.ping));
  }

  public override async messageRun(message: Message) {
    const latency = Date.now() - message.createdTimestamp;
    await message.reply(pongText(latency, this.container.client.ws.ping));
  }
}
