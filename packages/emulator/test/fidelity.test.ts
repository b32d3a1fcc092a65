import { once } from 'node:events';
import {
  AttachmentBuilder,
  Client,
  DiscordAPIError,
  GatewayIntentBits,
  HTTPError,
  SlashCommandBuilder,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ChannelHandle, GuildHandle, UserHandle } from '../src/index.js';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

// Gaps real discord.js bots hit against the emulator (issue 21), each checked the way the bot
// meets it: through discord.js, or the raw protocol where old discord.js versions differ.

let harness: Harness;
let guild: GuildHandle;
let general: ChannelHandle;
let alice: UserHandle;

beforeEach(async () => {
  harness = await setup();
  alice = harness.discord.createUser({ username: 'alice' });
  guild = harness.discord.createGuild({ name: 'Fidelity', owner: alice });
  general = guild.createChannel({ name: 'general' });
});
afterEach(async () => {
  await teardown(harness);
});

const file = (name: string) => new AttachmentBuilder(Buffer.from('hello'), { name });

describe('emulator fidelity', () => {
  it('keeps files sent with message.edit, and the attachments the edit names', async () => {
    const client = await loginClient(harness);
    const channel = await client.channels.fetch(general.id);
    if (!channel?.isSendable()) throw new Error('general is not sendable');
    const sent = await channel.send({ content: 'report', files: [file('a.txt')] });
    // discord.js sends `attachments` listing only the new file: Discord drops a.txt, and so do we.
    const edited = await sent.edit({ files: [file('b.txt')] });
    expect(edited.attachments.map((a) => a.name)).toEqual(['b.txt']);
    const kept = await edited.edit({
      attachments: [...edited.attachments.values()],
      files: [file('c.txt')],
    });
    expect(kept.attachments.map((a) => a.name)).toEqual(['b.txt', 'c.txt']);
  });

  it('keeps files sent with interaction.editReply', async () => {
    const client = await loginClient(harness);
    await client.application.commands.set([
      new SlashCommandBuilder().setName('export').setDescription('Exports').toJSON(),
    ]);
    client.on('interactionCreate', async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply({ content: 'here', files: [file('export.csv')] });
    });
    const reply = await alice.slash(guild, 'export', {}, { channel: general }).reply();
    expect(reply.content).toBe('here');
    expect(reply.raw.attachments.map((a) => a.filename)).toEqual(['export.csv']);
  });

  it('serves /gateway/ with a trailing slash and upgrades /gateway/?v=10 (discord.js 14.0–14.9)', async () => {
    const { discord } = harness;
    const answer = await fetch(`${discord.apiUrl}/v10/gateway/`);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { url: string }).url).toBe(discord.gatewayUrl);
    const socket = new WebSocket(`${discord.gatewayUrl}/?v=10&encoding=json`);
    const [hello] = (await once(socket, 'message')) as [Buffer];
    socket.close();
    expect(JSON.parse(hello.toString()).op).toBe(10);
  });

  it('answers 10014 Unknown Emoji for a custom emoji of no guild the bot is in', async () => {
    const client = await loginClient(harness);
    const channel = await client.channels.fetch(general.id);
    if (!channel?.isSendable()) throw new Error('general is not sendable');
    const message = await channel.send('react to me');
    const error = await message.react('<:ghost:123456789012345678>').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(10014);
    await message.react('👍');
    expect(message.reactions.cache.size).toBe(1);
  });

  it('gives client.application an owner (the first human user: the developer)', async () => {
    const client = await loginClient(harness);
    const application = await client.application.fetch();
    expect(application.owner?.id).toBe(alice.id);
  });

  it('answers fetchPins() from the pins routes, newest pin first', async () => {
    const client = await loginClient(harness);
    const channel = await client.channels.fetch(general.id);
    if (!channel?.isTextBased() || !('messages' in channel) || !channel.isSendable()) {
      throw new Error('general is not a text channel');
    }
    const first = await channel.send('first');
    const second = await channel.send('second');
    await first.pin();
    await second.pin();
    const pins = await channel.messages.fetchPins();
    expect(pins.items.map((item) => item.message.content)).toEqual(['second', 'first']);
    expect(pins.hasMore).toBe(false);
    await first.unpin();
    expect((await channel.messages.fetchPins()).items).toHaveLength(1);
  });

  it('answers unimplemented routes 501, not retried through clientOptions(), explained in the status line', async () => {
    const client = await loginClient(harness);
    const error = await client.rest.get('/guilds/1/some-future-route').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).status).toBe(501);
    const tried = harness.discord.requests().filter((r) => r.path.endsWith('/some-future-route'));
    expect(tried).toHaveLength(1);
    // @discordjs/rest names the error after Node's status table; any other client (curl, fetch,
    // an older discord.js) reads the reason phrase and the JSON body.
    const raw = await fetch(`${harness.discord.apiUrl}/v10/guilds/1/some-future-route`);
    expect(raw.status).toBe(501);
    expect(raw.statusText).toContain(
      '@zoryx/emulator does not serve GET /guilds/1/some-future-route',
    );
    expect(((await raw.json()) as { message: string }).message).toContain('does not implement');
  });

  it('logs in a plain client with only the API base URL changed (no emulator client options)', async () => {
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: harness.discord.apiUrl },
    });
    harness.clients.push(client);
    const ready = once(client, 'clientReady');
    await client.login(harness.discord.token);
    await ready;
    expect(client.user?.id).toBeDefined();
  });
});
