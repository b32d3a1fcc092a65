// The full example of docs/emulator.md ("A plain discord.js bot"); keep the two in sync.
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  GatewayIntentBits,
  SlashCommandBuilder,
} from 'discord.js';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

// The bot under test: in a real project this lives in your source and is imported.
function createBot(options: Partial<ConstructorParameters<typeof Client>[0]>) {
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
    ],
    ...options,
  });
  client.on('messageCreate', async (message) => {
    if (message.content === '!ping') await message.reply('pong');
  });
  client.on('interactionCreate', async (interaction) => {
    if (interaction.isChatInputCommand() && interaction.commandName === 'ban') {
      const user = interaction.options.getUser('user', true);
      const confirm = new ButtonBuilder()
        .setCustomId('confirm')
        .setLabel('Ban')
        .setStyle(ButtonStyle.Danger);
      await interaction.reply({
        content: `Ban ${user.username}?`,
        components: [new ActionRowBuilder<ButtonBuilder>().addComponents(confirm)],
      });
    } else if (interaction.isButton() && interaction.customId === 'confirm') {
      await interaction.update({ content: 'Banned.', components: [] });
    }
  });
  client.once('clientReady', async (ready) => {
    await ready.application.commands.set([
      new SlashCommandBuilder()
        .setName('ban')
        .setDescription('Ban a member')
        .addUserOption((option) => option.setName('user').setDescription('Who').setRequired(true)),
    ]);
  });
  return client;
}

let discord: Emulator;
let bot: Client;

beforeEach(async () => {
  discord = await startEmulator();
  bot = createBot(discord.clientOptions());
  const ready = once(bot, 'clientReady');
  await bot.login(discord.token);
  await ready;
  await discord.waitFor(() => discord.commands().length > 0);
});

afterEach(async () => {
  await bot.destroy();
  await discord.close();
});

test('answers !ping', async () => {
  const guild = discord.createGuild({ name: 'Test' });
  const general = guild.createChannel({ name: 'general' });
  const alice = discord.createUser({ username: 'alice' });
  guild.addMember(alice);

  const reply = await alice.send(general, '!ping').reply();
  expect(reply.content).toBe('pong');
});

test('bans after confirmation', async () => {
  const guild = discord.createGuild({ name: 'Test' });
  const general = guild.createChannel({ name: 'general' });
  const alice = discord.createUser({ username: 'alice' });
  const bob = discord.createUser({ username: 'bob' });
  guild.addMember(alice);
  guild.addMember(bob);

  const question = await alice.slash(guild, 'ban', { user: bob }, { channel: general }).reply();
  expect(question.content).toBe('Ban bob?');
  const done = await question.clickButton('confirm').reply();
  expect(done.content).toBe('Banned.');
  expect(done.components).toEqual([]);
});
