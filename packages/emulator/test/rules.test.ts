import { DiscordAPIError, EmbedBuilder, type TextChannel } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelHandle, GuildHandle } from '../src/index.js';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

let harness: Harness;
let guild: GuildHandle;
let general: ChannelHandle;

beforeEach(async () => {
  harness = await setup();
  guild = harness.discord.createGuild({
    name: 'Rules',
    botPermissions: ['ViewChannel', 'SendMessages'],
  });
  general = guild.createChannel({ name: 'general' });
});
afterEach(async () => {
  await teardown(harness);
});

async function discordError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
}

describe("Discord's rules, answered with Discord's codes", () => {
  it('limits message content to 2,000 characters and refuses empty messages', async () => {
    const client = await loginClient(harness);
    const channel = client.channels.cache.get(general.id) as TextChannel;
    const tooLong = await discordError(channel.send('x'.repeat(2001)));
    expect(tooLong.status).toBe(400);
    expect(tooLong.code).toBe(50035);
    expect(tooLong.rawError).toMatchObject({
      errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
    });
    expect((await channel.send('x'.repeat(2000))).content).toHaveLength(2000);
    const empty = await discordError(channel.send({ content: '' }));
    expect(empty.code).toBe(50006);
  });

  it('limits embeds: 10 per message, 256-character titles, 6,000 characters in total', async () => {
    const client = await loginClient(harness);
    const channel = client.channels.cache.get(general.id) as TextChannel;
    const embed = (text: string) => new EmbedBuilder().setDescription(text);
    const eleven = await discordError(
      channel.send({ embeds: Array.from({ length: 11 }, () => embed('x')) }),
    );
    expect(eleven.rawError).toMatchObject({
      errors: { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
    });
    const total = await discordError(
      channel.send({ embeds: [embed('a'.repeat(4000)), embed('b'.repeat(2001))] }),
    );
    expect(total.rawError).toMatchObject({
      errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } },
    });
    const title = await discordError(channel.send({ embeds: [{ title: 't'.repeat(257) }] }));
    expect(title.rawError).toMatchObject({
      errors: { embeds: { '0': { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
    });
  });

  it('answers 10003, 10008 and 10004 for unknown channels, messages and guilds', async () => {
    const client = await loginClient(harness);
    expect((await discordError(client.rest.get('/channels/1234567890123456789'))).code).toBe(10003);
    expect(
      (await discordError(client.rest.get(`/channels/${general.id}/messages/1234567890123456789`)))
        .code,
    ).toBe(10008);
    expect((await discordError(client.rest.get('/guilds/1234567890123456789'))).code).toBe(10004);
  });

  it('answers 50013 when the bot lacks a permission, through roles and overwrites', async () => {
    const client = await loginClient(harness);
    const channel = client.channels.cache.get(general.id) as TextChannel;
    const kick = await discordError(client.guilds.cache.get(guild.id)!.members.kick(guild.ownerId));
    expect(kick.status).toBe(403);
    expect(kick.code).toBe(50013);
    general.setOverwrites([{ target: guild.botRole, deny: ['SendMessages'] }]);
    await harness.discord.waitFor(() => channel.permissionOverwrites.cache.size === 1);
    expect((await discordError(channel.send('hi'))).code).toBe(50013);
    general.setOverwrites([
      { target: guild.everyone, deny: ['ViewChannel'] },
      { target: guild.botRole, deny: ['ViewChannel'] },
    ]);
    expect(
      (
        await discordError(
          client.rest.post(`/channels/${general.id}/messages`, { body: { content: 'x' } }),
        )
      ).code,
    ).toBe(50001);
  });

  it('validates application commands with nested errors, and caps 100 per scope', async () => {
    const client = await loginClient(harness);
    const invalid = await discordError(
      client.application.commands.create({
        name: 'Bad Name',
        description: '',
        options: [
          { type: 3, name: 'b', description: 'optional first' },
          { type: 3, name: 'a', description: 'required after', required: true },
          { type: 3, name: 'a', description: 'duplicate' },
        ],
      }),
    );
    expect(invalid.code).toBe(50035);
    expect(invalid.rawError).toMatchObject({
      errors: {
        name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] },
        description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] },
        options: {
          '1': {
            required: { _errors: [{ code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID' }] },
          },
          '2': { name: { _errors: [{ code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS' }] } },
        },
      },
    });
    const bulk = await discordError(
      client.application.commands.set([
        { name: 'same', description: 'one' },
        { name: 'same', description: 'two' },
      ]),
    );
    expect(bulk.rawError).toMatchObject({
      errors: { '1': { name: { _errors: [{ code: 'APPLICATION_COMMANDS_DUPLICATE_NAME' }] } } },
    });
    const huge = await discordError(
      client.application.commands.create({
        name: 'huge',
        description: 'd'.repeat(100),
        options: Array.from({ length: 25 }, (_, i) => ({
          type: 3,
          name: `o${i}`,
          description: 'x'.repeat(100),
          choices: Array.from({ length: 25 }, (_, j) => ({ name: `c${j}`, value: `v${j}` })),
        })),
      }),
    );
    expect(huge.rawError).toMatchObject({
      errors: { _errors: [{ code: 'APPLICATION_COMMAND_TOO_LARGE' }] },
    });
    const many = Array.from({ length: 100 }, (_, i) => ({ name: `c${i}`, description: 'x' }));
    await client.application.commands.set(many);
    expect(harness.discord.commands()).toHaveLength(100);
    expect(
      (
        await discordError(
          client.application.commands.create({ name: 'one-more', description: 'x' }),
        )
      ).code,
    ).toBe(30032);
  });

  it('answers 40060 to a second interaction response', async () => {
    const client = await loginClient(harness);
    await client.application.commands.create({ name: 'twice', description: 'replies twice' });
    const alice = harness.discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    const second = new Promise<unknown>((resolve) => {
      client.on('interactionCreate', async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await interaction.reply('first');
        const callback = `/interactions/${interaction.id}/${interaction.token}/callback`;
        resolve(
          await client.rest
            .post(callback as `/${string}`, {
              body: { type: 4, data: { content: 'x' } },
              auth: false,
            })
            .catch((e: unknown) => e),
        );
      });
    });
    await alice.slash(guild, 'twice', {}, { channel: general }).reply();
    expect((await second) as DiscordAPIError).toMatchObject({ code: 40060 });
  });

  it('answers 50109 to a body that is not JSON', async () => {
    const response = await fetch(`${harness.discord.apiUrl}/v10/channels/${general.id}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bot ${harness.discord.token}`,
        'content-type': 'application/json',
      },
      body: '{"content": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 50109,
      message: 'The request body contains invalid JSON.',
    });
  });

  it('returns the earlier message for a repeated nonce with enforce_nonce', async () => {
    const post = async (body: object) => {
      const response = await fetch(
        `${harness.discord.apiUrl}/v10/channels/${general.id}/messages`,
        {
          method: 'POST',
          headers: {
            authorization: `Bot ${harness.discord.token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        },
      );
      return (await response.json()) as { id: string };
    };
    const first = await post({ content: 'once', nonce: '123', enforce_nonce: true });
    const again = await post({ content: 'once', nonce: '123', enforce_nonce: true });
    const unenforced = await post({ content: 'twice', nonce: '123' });
    expect(again.id).toBe(first.id);
    expect(unenforced.id).not.toBe(first.id);
    expect(harness.discord.messages(general).map((m) => m.content)).toEqual(['once', 'twice']);
  });

  it('answers 501 naming a route it does not implement', async () => {
    const response = await fetch(`${harness.discord.apiUrl}/v10/guilds/${guild.id}/audit-logs`, {
      headers: { authorization: `Bot ${harness.discord.token}` },
    });
    expect(response.status).toBe(501);
    expect(((await response.json()) as { message: string }).message).toMatch(
      `GET /guilds/${guild.id}/audit-logs`,
    );
  });
});
