// Written into the created bot as extensions/raw-ping/index.ts by run.mjs: an extension that
// imports @sapphire/framework itself and brings a raw Command class. Its reply says whether the
// piece runs against the host's copy of Sapphire: with a second copy, `this.container` would be
// that copy's container (no client, no stores), and the store would not accept the class at all.
// (`ctx.client` is the extension's view of the client, so it is compared through its stores.)
import { Command } from '@sapphire/framework';
import { contextOf, defineExtension } from '@zoryx/framework';

class RawPingCommand extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, { ...options, name: 'rawping', description: 'A raw Sapphire command' });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder.setName(this.name).setDescription(this.description),
    );
  }

  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    const ctx = contextOf(this);
    const shared = ctx !== undefined && this.container.stores === ctx.client.stores;
    await interaction.reply(`raw pong from ${ctx?.name ?? 'no extension'}, shared: ${shared}`);
  }
}

export default defineExtension({
  name: 'raw-ping',
  version: '1.0.0',
  commands: [RawPingCommand],
});
