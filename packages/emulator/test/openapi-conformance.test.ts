import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  UserSelectMenuBuilder,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../src/index.js';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

// Validates a recorded sample of the emulator's answers (a bot session through discord.js)
// against Discord's published OpenAPI schema, vendored in fixtures/discord-openapi.

interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, { schema: unknown }> }>>;
}
const spec = JSON.parse(
  readFileSync(new URL('./fixtures/discord-openapi/openapi.subset.json', import.meta.url), 'utf8'),
) as Spec;
// Formats (snowflake, int64, uri…) are Discord's annotations; the types and patterns are checked.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ ...spec, $id: 'discord' });

/** The spec operation of an emulator route: `:param` segments match any `{param}`. */
function operationOf(record: RequestRecord): { path: string; method: string } | null {
  const segments = record.route.split('/');
  const method = record.method.toLowerCase();
  for (const path of Object.keys(spec.paths)) {
    const parts = path.split('/');
    if (parts.length !== segments.length || !spec.paths[path]?.[method]) continue;
    const same = parts.every((part, index) => {
      const mine = segments[index] ?? '';
      return part.startsWith('{') ? mine.startsWith(':') : part === mine;
    });
    if (same) return { path, method };
  }
  return null;
}

const pointer = (value: string) => value.replaceAll('~', '~0').replaceAll('/', '~1');

function problems(record: RequestRecord): string[] {
  const operation = operationOf(record);
  if (!operation) return [];
  const status = String(record.status);
  const ref = `discord#/paths/${pointer(operation.path)}/${operation.method}/responses/${status}/schema`;
  const validate = ajv.getSchema(ref);
  if (!validate) return [`${record.method} ${record.route}: no ${status} answer in the spec`];
  if (validate(record.response)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${record.method} ${record.route} ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
  );
}

let harness: Harness;
beforeEach(async () => {
  harness = await setup();
});
afterEach(async () => {
  await teardown(harness);
});

describe("Discord's OpenAPI schema", () => {
  it('accepts a recorded bot session: messages, components, embeds, pins, reactions, users, the application', async () => {
    const { discord } = harness;
    const alice = discord.createUser({ username: 'alice' });
    const guild = discord.createGuild({ name: 'Conformance', owner: alice });
    const general = guild.createChannel({ name: 'general' });
    const client = await loginClient(harness);
    await client.application.fetch();
    await client.users.fetch(alice.id, { force: true });
    await client.rest.get('/users/@me');
    await client.rest.get('/gateway/bot');
    const channel = await client.channels.fetch(general.id);
    if (!channel?.isSendable() || !channel.isTextBased() || !('messages' in channel)) {
      throw new Error('general is not a text channel');
    }
    const message = await channel.send({
      content: 'hello',
      embeds: [new EmbedBuilder().setTitle('Title').setDescription('Text')],
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('yes').setLabel('Yes').setStyle(ButtonStyle.Primary),
          new ButtonBuilder()
            .setURL('https://example.com')
            .setLabel('Site')
            .setStyle(ButtonStyle.Link),
        ),
        new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
          new StringSelectMenuBuilder()
            .setCustomId('pick')
            .addOptions({ label: 'One', value: '1' }, { label: 'Two', value: '2' }),
        ),
        new ActionRowBuilder<UserSelectMenuBuilder>().addComponents(
          new UserSelectMenuBuilder().setCustomId('who'),
        ),
      ],
    });
    await message.edit({
      content: 'edited',
      files: [new AttachmentBuilder(Buffer.from('x'), { name: 'x.txt' })],
    });
    await message.react('👍');
    await message.reactions.cache.first()?.users.fetch();
    await message.pin();
    await channel.messages.fetchPins();
    await channel.messages.fetch({ limit: 10 });
    await channel.messages.fetch({ message: message.id, force: true });

    await client.application.commands.set([
      new SlashCommandBuilder().setName('report').setDescription('Reports').toJSON(),
    ]);
    client.on('interactionCreate', async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply({ content: 'done', embeds: [{ description: 'ok' }] });
      await interaction.fetchReply();
      await interaction.followUp('more');
    });
    await alice.slash(guild, 'report', {}, { channel: general }).replies(2);

    const sampled = discord.requests().filter((record) => operationOf(record) !== null);
    const operations = new Set(sampled.map((r) => `${r.method} ${operationOf(r)?.path}`));
    expect(operations.size).toBeGreaterThanOrEqual(12);
    expect(sampled.flatMap(problems)).toEqual([]);
  });
});
