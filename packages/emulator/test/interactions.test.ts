import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type Client,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelHandle, GuildHandle, UserHandle } from '../src/index.js';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

let harness: Harness;
let guild: GuildHandle;
let general: ChannelHandle;
let alice: UserHandle;
let bob: UserHandle;
let client: Client<true>;

const commands = [
  new SlashCommandBuilder()
    .setName('ban')
    .setDescription('Ban a user')
    .addUserOption((o) => o.setName('user').setDescription('Who').setRequired(true))
    .addStringOption((o) => o.setName('reason').setDescription('Why')),
  new SlashCommandBuilder()
    .setName('mod')
    .setDescription('Moderation')
    .addSubcommand((s) =>
      s
        .setName('warn')
        .setDescription('Warn')
        .addUserOption((o) => o.setName('user').setDescription('Who').setRequired(true))
        .addIntegerOption((o) => o.setName('points').setDescription('How many').setMinValue(1)),
    )
    .addSubcommandGroup((g) =>
      g
        .setName('role')
        .setDescription('Roles')
        .addSubcommand((s) =>
          s
            .setName('give')
            .setDescription('Give a role')
            .addRoleOption((o) => o.setName('role').setDescription('Which').setRequired(true)),
        ),
    ),
  new SlashCommandBuilder().setName('slow').setDescription('Deferred'),
  new SlashCommandBuilder().setName('feedback').setDescription('Opens a modal'),
  new SlashCommandBuilder()
    .setName('color')
    .setDescription('Pick a colour')
    .addStringOption((o) => o.setName('name').setDescription('Colour').setAutocomplete(true)),
];

beforeEach(async () => {
  harness = await setup();
  const { discord } = harness;
  guild = discord.createGuild({ name: 'Test' });
  general = guild.createChannel({ name: 'general' });
  alice = discord.createUser({ username: 'alice' });
  bob = discord.createUser({ username: 'bob' });
  guild.addMember(alice);
  guild.addMember(bob);
  client = await loginClient(harness);
  await client.application.commands.set(commands.map((c) => c.toJSON()));
  client.on('interactionCreate', async (interaction) => {
    if (interaction.isAutocomplete()) {
      const typed = interaction.options.getFocused();
      await interaction.respond(
        ['red', 'green', 'blue']
          .filter((c) => c.startsWith(typed))
          .map((c) => ({ name: c, value: c })),
      );
      return;
    }
    if (interaction.isChatInputCommand()) {
      if (interaction.commandName === 'ban') {
        const user = interaction.options.getUser('user', true);
        const reason = interaction.options.getString('reason') ?? 'none';
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder()
            .setCustomId('confirm')
            .setLabel('Confirm')
            .setStyle(ButtonStyle.Danger),
        );
        const menu = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
          new StringSelectMenuBuilder()
            .setCustomId('help-menu')
            .addOptions(
              { label: 'Moderation', value: 'moderation' },
              { label: 'Fun', value: 'fun' },
            ),
        );
        await interaction.reply({
          content: `ban ${user.username}: ${reason}`,
          components: [row, menu],
        });
      } else if (interaction.commandName === 'mod') {
        const group = interaction.options.getSubcommandGroup(false);
        const sub = interaction.options.getSubcommand();
        if (group === 'role') {
          await interaction.reply(
            `${group} ${sub} ${interaction.options.getRole('role', true).name}`,
          );
        } else {
          const points = interaction.options.getInteger('points') ?? 1;
          const member = interaction.options.getMember('user');
          await interaction.reply({
            content: `${sub} ${interaction.options.getUser('user', true).username} ${points} ${member ? 'member' : 'user'}`,
            flags: MessageFlags.Ephemeral,
          });
        }
      } else if (interaction.commandName === 'slow') {
        await interaction.deferReply();
        await interaction.editReply('done');
        await interaction.followUp('one more');
        await interaction.followUp({ content: 'secret', flags: MessageFlags.Ephemeral });
      } else if (interaction.commandName === 'feedback') {
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId('feedback-modal')
            .setTitle('Feedback')
            .addComponents(
              new ActionRowBuilder<TextInputBuilder>().addComponents(
                new TextInputBuilder()
                  .setCustomId('text')
                  .setLabel('Text')
                  .setStyle(TextInputStyle.Paragraph),
              ),
            ),
        );
      }
      return;
    }
    if (interaction.isButton() && interaction.customId === 'confirm') {
      await interaction.update({
        content: `confirmed by ${interaction.user.username}`,
        components: [],
      });
    } else if (interaction.isStringSelectMenu()) {
      await interaction.reply(`picked ${interaction.values.join(',')}`);
    } else if (interaction.isModalSubmit()) {
      await interaction.reply(`thanks: ${interaction.fields.getTextInputValue('text')}`);
    }
  });
});

afterEach(async () => {
  await teardown(harness);
});

describe('interactions with a discord.js bot', () => {
  it('runs a slash command with typed options and resolved users', async () => {
    const reply = await alice
      .slash(guild, 'ban', { user: bob, reason: 'spam' }, { channel: general })
      .reply();
    expect(reply.content).toBe('ban bob: spam');
    expect(reply.raw.interaction_metadata?.user.id).toBe(alice.id);
    expect(reply.components).toHaveLength(2);
  });

  it('runs subcommands and subcommand groups', async () => {
    const role = guild.createRole({ name: 'Helpers' });
    const warned = await alice.slash(guild, 'mod warn', { user: bob, points: 3 }).reply();
    expect(warned.content).toBe('warn bob 3 member');
    expect(warned.ephemeral).toBe(true);
    const given = await alice.slash(guild, 'mod role give', { role }).reply();
    expect(given.content).toBe('role give Helpers');
  });

  it('clicks a button (update) and picks in a select menu (reply)', async () => {
    const reply = await alice.slash(guild, 'ban', { user: bob }).reply();
    const updated = await reply.clickButton('confirm').reply();
    expect(updated.edited).toBe(true);
    expect(updated.id).toBe(reply.id);
    expect(updated.content).toBe('confirmed by alice');
    expect(updated.components).toEqual([]);
    const second = await alice.slash(guild, 'ban', { user: bob }).reply();
    const picked = await alice.select(second, 'help-menu', ['moderation']).reply();
    expect(picked.content).toBe('picked moderation');
  });

  it('awaits editReply after a deferral, then followups by position', async () => {
    const action = alice.slash(guild, 'slow');
    expect(await action.acknowledged()).toBe('defer');
    const [edited, followup, secret] = await action.replies(3);
    expect(edited?.content).toBe('done');
    expect(followup?.content).toBe('one more');
    expect(secret?.ephemeral).toBe(true);
    expect((await action.nthReply(2)).content).toBe('one more');
  });

  it('opens a modal and submits it', async () => {
    const modal = await alice.slash(guild, 'feedback').modal();
    expect(modal.title).toBe('Feedback');
    expect(modal.fieldIds).toEqual(['text']);
    const thanks = await modal.submit({ text: 'great bot' }).reply();
    expect(thanks.content).toBe('thanks: great bot');
  });

  it('answers autocomplete with the bot choices', async () => {
    const choices = await alice
      .autocomplete(guild, 'color', { name: 'gr' }, { focused: 'name' })
      .choices();
    expect(choices).toEqual([{ name: 'green', value: 'green' }]);
  });

  it('runs a global command in a DM and a user context-menu command', async () => {
    await client.application.commands.create({ name: 'Profile', type: 2 });
    client.on('interactionCreate', async (interaction) => {
      if (interaction.isUserContextMenuCommand()) {
        await interaction.reply(`profile of ${interaction.targetUser.username}`);
      }
    });
    const profile = await alice.contextMenu(guild, 'Profile', bob, { channel: general }).reply();
    expect(profile.content).toBe('profile of bob');
    const inDm = await alice.slash(null, 'slow').replies(3);
    expect(inDm.map((reply) => reply.content)).toEqual(['done', 'one more', 'secret']);
    expect(harness.discord.messages(inDm[0]!.channelId)).toHaveLength(3);
  });

  it('rejects unknown commands and options before dispatching', () => {
    expect(() => alice.slash(guild, 'nope')).toThrow(/ZRX|has not registered a command "nope"/);
    expect(() => alice.slash(guild, 'ban', { who: bob })).toThrow(/unknown option "who"/);
    expect(() => alice.slash(guild, 'ban', {})).toThrow(/required option "user"/);
  });

  it('rejects reply() after the timeout with the last requests in the message', async () => {
    await expect(alice.send(general, 'nobody answers').reply({ timeout: 200 })).rejects.toThrow(
      /within 200 ms[\s\S]*PUT \/applications/,
    );
  });
});
