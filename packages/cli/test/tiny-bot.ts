import { once } from 'node:events';
import type { Emulator } from '@zoryx/emulator';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  StringSelectMenuBuilder,
} from 'discord.js';

/** A small real discord.js bot for the chat tests: text, an embed with buttons and a select. */
export async function startTinyBot(discord: Emulator): Promise<Client> {
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
    ],
    ...discord.clientOptions(),
  });
  client.on(Events.MessageCreate, async (message) => {
    if (message.author.bot) return;
    if (message.content === '!hello') await message.reply(`Hello, ${message.author.username}!`);
    if (message.content === '!where' && 'name' in message.channel) {
      await message.reply(`in #${message.channel.name}`);
    }
    if (message.content === '!poll') {
      await message.reply({
        content: 'Vote!',
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder().setCustomId('vote').setLabel('Vote').setStyle(ButtonStyle.Primary),
          ),
        ],
      });
    }
    if (message.content === '!md') await message.reply('**Balance:** `120` coins');
    if (message.content === '!menu') {
      await message.reply({
        content: 'Menu',
        embeds: [
          new EmbedBuilder()
            .setTitle('Help')
            .setDescription('Pick a category')
            .addFields({ name: 'core', value: 'ping, hello' }),
        ],
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder()
              .setCustomId('prev')
              .setLabel('Previous')
              .setStyle(ButtonStyle.Primary),
            new ButtonBuilder().setCustomId('next').setLabel('Next').setStyle(ButtonStyle.Primary),
          ),
          new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
            new StringSelectMenuBuilder()
              .setCustomId('category')
              .setPlaceholder('Category')
              .addOptions(
                { label: 'Core', value: 'core' },
                { label: 'Server Tools', value: 'tools' },
              ),
          ),
        ],
      });
    }
  });
  client.on(Events.InteractionCreate, async (interaction) => {
    if (interaction.isChatInputCommand()) {
      if (interaction.commandName === 'ping') await interaction.reply('pong');
      if (interaction.commandName === 'ban') {
        const user = interaction.options.getUser('user', true);
        const reason = interaction.options.getString('reason') ?? 'no reason';
        await interaction.reply(`banned ${user.username}: ${reason}`);
      }
    } else if (interaction.isButton() && interaction.customId === 'vote') {
      await interaction.reply(`${interaction.user.username} voted`);
    } else if (interaction.isButton()) {
      await interaction.update({ content: `clicked ${interaction.customId}`, components: [] });
    } else if (interaction.isStringSelectMenu()) {
      await interaction.reply(`picked ${interaction.values.join(',')}`);
    }
  });
  const ready = once(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  await client.application!.commands.set([
    { name: 'ping', description: 'Pong' },
    {
      name: 'ban',
      description: 'Bans a member',
      options: [
        {
          type: ApplicationCommandOptionType.User,
          name: 'user',
          description: 'Who',
          required: true,
        },
        { type: ApplicationCommandOptionType.String, name: 'reason', description: 'Why' },
      ],
    },
  ]);
  return client;
}
