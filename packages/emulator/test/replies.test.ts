import {
  type Client,
  ContainerBuilder,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextDisplayBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelHandle, GuildHandle, UserHandle } from '../src/index.js';
import { startEmulator } from '../src/index.js';
import { type Harness, loginClient, teardown } from './helpers.js';

let harness: Harness;
let guild: GuildHandle;
let general: ChannelHandle;
let alice: UserHandle;

async function boot(options: Parameters<typeof startEmulator>[0] = {}): Promise<Client<true>> {
  harness = { discord: await startEmulator(options), clients: [] };
  guild = harness.discord.createGuild({ name: 'Replies' });
  general = guild.createChannel({ name: 'general' });
  alice = harness.discord.createUser({ username: 'alice' });
  guild.addMember(alice);
  return loginClient(harness);
}

beforeEach(() => {
  harness = undefined as unknown as Harness;
});
afterEach(async () => {
  await teardown(harness);
});

describe('what the bot does with messages and interactions', () => {
  it('edits and deletes its messages; reply() and nthReply() see the edit; history follows', async () => {
    const client = await boot();
    client.on('messageCreate', async (message) => {
      if (message.content !== '!count') return;
      const sent = await message.channel.send('1');
      await sent.edit('2');
      const extra = await message.channel.send('temporary');
      await extra.delete();
    });
    const action = alice.send(general, '!count');
    expect((await action.reply()).content).toBe('1');
    const [, second] = await action.replies(2);
    expect(second?.content).toBe('temporary');
    await harness.discord.waitFor(() => general.messages().length === 2);
    expect(general.messages().map((m) => m.content)).toEqual(['!count', '2']);
    expect(general.messages()[1]?.edited_timestamp).not.toBeNull();
  });

  it('stores uploaded files as attachments (multipart) and serves history to the bot', async () => {
    const client = await boot();
    const channel = client.channels.cache.get(general.id);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const sent = await channel.send({
      content: 'report',
      files: [{ attachment: Buffer.from('hello'), name: 'report.txt' }],
    });
    expect(sent.attachments.first()?.name).toBe('report.txt');
    expect(sent.attachments.first()?.size).toBe(5);
    await channel.send('second');
    const fetched = await channel.messages.fetch({ limit: 10 });
    expect([...fetched.values()].map((m) => m.content)).toEqual(['second', 'report']);
  });

  it('answers Components V2 messages and label-based modals', async () => {
    const client = await boot();
    await client.application.commands.create({ name: 'form', description: 'Opens a form' });
    client.on('interactionCreate', async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId('form')
            .setTitle('Form')
            .addLabelComponents(
              new LabelBuilder()
                .setLabel('Name')
                .setTextInputComponent(
                  new TextInputBuilder().setCustomId('name').setStyle(TextInputStyle.Short),
                ),
              new LabelBuilder()
                .setLabel('Team')
                .setStringSelectMenuComponent(
                  new StringSelectMenuBuilder()
                    .setCustomId('team')
                    .addOptions({ label: 'Red', value: 'red' }, { label: 'Blue', value: 'blue' }),
                ),
            ),
        );
      } else if (interaction.isModalSubmit()) {
        const name = interaction.fields.getTextInputValue('name');
        const team = interaction.fields.getStringSelectValues('team').join();
        await interaction.reply({
          flags: MessageFlags.IsComponentsV2,
          components: [
            new ContainerBuilder().addTextDisplayComponents(
              new TextDisplayBuilder().setContent(`${name} joins ${team}`),
            ),
          ],
        });
      }
    });
    const modal = await alice.slash(guild, 'form').modal();
    expect(modal.fieldIds).toEqual(['name', 'team']);
    const reply = await modal.submit({ name: 'Alice', team: ['blue'] }).reply();
    expect(reply.flags & MessageFlags.IsComponentsV2).not.toBe(0);
    expect(JSON.stringify(reply.components)).toContain('Alice joins blue');
  });

  it('fetches, edits and deletes @original and followups; withResponse returns the message', async () => {
    const client = await boot();
    await client.application.commands.create({ name: 'flow', description: 'Reply flow' });
    const seen: string[] = [];
    client.on('interactionCreate', async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: 'first', withResponse: true });
      seen.push(response.resource?.message?.content ?? 'none');
      seen.push((await interaction.fetchReply()).content);
      await interaction.editReply('first, edited');
      const followup = await interaction.followUp('second');
      await interaction.webhook.editMessage(followup, { content: 'second, edited' });
      await interaction.deleteReply();
    });
    const action = alice.slash(guild, 'flow');
    const replies = await action.replies(4);
    expect(replies.map((r) => r.content)).toEqual([
      'first',
      'first, edited',
      'second',
      'second, edited',
    ]);
    expect(seen).toEqual(['first', 'first']);
    await harness.discord.waitFor(
      () => !general.messages().some((m) => m.content === 'first, edited'),
    );
  });

  it('answers 10062 when the bot acknowledges later than interactionAckTimeout', async () => {
    const client = await boot({ interactionAckTimeout: 20 });
    await client.application.commands.create({ name: 'late', description: 'Answers late' });
    const outcome = new Promise<unknown>((resolve) => {
      client.on('interactionCreate', async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await new Promise((wait) => setTimeout(wait, 300));
        resolve(await interaction.reply('too late').catch((error: unknown) => error));
      });
    });
    alice.slash(guild, 'late');
    expect(await outcome).toMatchObject({ code: 10062 });
  });
});
