// The full example of docs/emulator.md ("A Sapphire bot"); keep the two in sync.
import { once } from 'node:events';
import { Command, container, SapphireClient } from '@sapphire/framework';
import { GatewayIntentBits, type Message } from 'discord.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

class PingCommand extends Command {
  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) => builder.setName('ping').setDescription('Pong!'));
  }
  public override messageRun(message: Message) {
    return message.reply('Pong!');
  }
  public override chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    return interaction.reply({ content: 'Pong!', flags: 'Ephemeral' });
  }
}

let discord: Emulator;
let client: SapphireClient;

// Sapphire keeps its stores in a process-wide container: one client per test file.
beforeAll(async () => {
  discord = await startEmulator();
  client = new SapphireClient({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
    ],
    defaultPrefix: '!',
    loadMessageCommandListeners: true,
    baseUserDirectory: null, // pieces are loaded below instead of from disk
    ...discord.clientOptions(),
  });
  await container.stores.loadPiece({ name: 'ping', piece: PingCommand, store: 'commands' });
  const registered = once(client, 'applicationCommandRegistriesRegistered');
  await client.login(discord.token);
  await registered;
});

afterAll(async () => {
  await client.destroy();
  await discord.close();
});

test('prefix, mention and slash all answer', async () => {
  const guild = discord.createGuild({ name: 'Test' });
  const general = guild.createChannel({ name: 'general' });
  const alice = discord.createUser({ username: 'alice' });
  guild.addMember(alice);
  await discord.waitFor(() => client.guilds.cache.has(guild.id));

  expect((await alice.send(general, '!ping').reply()).content).toBe('Pong!');
  expect((await alice.send(general, `<@${discord.botUserId}> ping`).reply()).content).toBe('Pong!');

  const slash = await alice.slash(guild, 'ping').reply();
  expect(slash.content).toBe('Pong!');
  expect(slash.ephemeral).toBe(true);
  expect(discord.commands().map((command) => command.name)).toEqual(['ping']);
});
