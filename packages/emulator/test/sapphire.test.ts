import { once } from 'node:events';
import { Command, container, SapphireClient } from '@sapphire/framework';
import { Subcommand } from '@sapphire/plugin-subcommands';
import { GatewayIntentBits, type Message } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, type GuildHandle, startEmulator } from '../src/index.js';

class PingCommand extends Command {
  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder.setName('ping').setDescription('Replies with pong'),
    );
  }
  public override async messageRun(message: Message) {
    return message.reply('Pong!');
  }
  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    return interaction.reply(`Pong, ${interaction.user.username}!`);
  }
}

class EchoCommand extends Command {
  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand(
      (builder) =>
        builder
          .setName('echo')
          .setDescription('Echoes text')
          .addStringOption((o) =>
            o.setName('text').setDescription('What to say').setRequired(true).setMaxLength(200),
          )
          .addBooleanOption((o) => o.setName('loud').setDescription('Shout it')),
      { guildIds: [guildId] },
    );
  }
  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    const text = interaction.options.getString('text', true);
    return interaction.reply(interaction.options.getBoolean('loud') ? text.toUpperCase() : text);
  }
}

class TagCommand extends Subcommand {
  public constructor(context: Subcommand.LoaderContext, options: Subcommand.Options) {
    super(context, {
      ...options,
      subcommands: [
        { name: 'add', chatInputRun: 'add' },
        { name: 'remove', chatInputRun: 'remove' },
      ],
    });
  }
  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder
        .setName('tag')
        .setDescription('Tags')
        .addSubcommand((s) =>
          s
            .setName('add')
            .setDescription('Add a tag')
            .addStringOption((o) => o.setName('name').setDescription('Tag name').setRequired(true)),
        )
        .addSubcommand((s) => s.setName('remove').setDescription('Remove a tag')),
    );
  }
  public async add(interaction: Subcommand.ChatInputCommandInteraction) {
    return interaction.reply(`added ${interaction.options.getString('name', true)}`);
  }
  public async remove(interaction: Subcommand.ChatInputCommandInteraction) {
    return interaction.reply('removed');
  }
}

let guildId = '';
let discord: Emulator;
let guild: GuildHandle;
let client: SapphireClient;

// Sapphire keeps registries and core listeners in module state: one client per process (file).
// Restarts are tested with separate processes in sapphire-reboot.test.ts.
beforeAll(async () => {
  discord = await startEmulator();
  guild = discord.createGuild({ name: 'Sapphire' });
  guildId = guild.id;
  guild.createChannel({ name: 'general' });
  client = new SapphireClient({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
    ],
    defaultPrefix: '!',
    loadMessageCommandListeners: true,
    baseUserDirectory: null,
    logger: { level: 50 },
    ...discord.clientOptions(),
  });
  const registered = once(client, 'applicationCommandRegistriesRegistered');
  await container.stores.loadPiece({ name: 'ping', piece: PingCommand, store: 'commands' });
  await container.stores.loadPiece({ name: 'echo', piece: EchoCommand, store: 'commands' });
  await container.stores.loadPiece({ name: 'tag', piece: TagCommand, store: 'commands' });
  await client.login(discord.token);
  await registered;
});

afterAll(async () => {
  await client.destroy();
  await discord.close();
});

describe('a SapphireClient', () => {
  it('runs message commands by prefix and by mention', async () => {
    const alice = discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    const [general] = guild.channels();
    expect((await alice.send(general!, '!ping').reply()).content).toBe('Pong!');
    expect((await alice.send(general!, `<@${discord.botUserId}> ping`).reply()).content).toBe(
      'Pong!',
    );
  });

  it('registers global and guild commands and runs them, subcommands included', async () => {
    expect(
      discord
        .commands()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['ping', 'tag']);
    expect(guild.commands().map((c) => c.name)).toEqual(['echo']);
    const bob = discord.createUser({ username: 'bob' });
    guild.addMember(bob);
    expect((await bob.slash(guild, 'ping').reply()).content).toBe('Pong, bob!');
    expect((await bob.slash(guild, 'echo', { text: 'hi', loud: true }).reply()).content).toBe('HI');
    expect((await bob.slash(guild, 'tag add', { name: 'faq' }).reply()).content).toBe('added faq');
    expect((await bob.slash(guild, 'tag remove').reply()).content).toBe('removed');
  });
});
