import { once } from 'node:events';
import { GatewayIntentBits, type Message, Partials } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelHandle, GuildHandle, UserHandle } from '../src/index.js';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

let harness: Harness;
let guild: GuildHandle;
let general: ChannelHandle;
let alice: UserHandle;

beforeEach(async () => {
  harness = await setup();
  guild = harness.discord.createGuild({ name: 'Gateway' });
  general = guild.createChannel({ name: 'general' });
  alice = harness.discord.createUser({ username: 'alice' });
  guild.addMember(alice);
});
afterEach(async () => {
  await teardown(harness);
});

function nextMessage(client: import('discord.js').Client): Promise<Message> {
  return once(client, 'messageCreate').then(([message]) => message as Message);
}

describe('the gateway', () => {
  it('resumes a dropped connection and replays the events sent meanwhile', async () => {
    const client = await loginClient(harness);
    const resumed = once(client, 'shardResume');
    const seen: string[] = [];
    client.on('messageCreate', (message) => seen.push(message.content));
    harness.discord.gateway.dropConnections();
    alice.send(general, 'while you were away');
    await resumed;
    expect(harness.discord.readyCount).toBe(2);
    await harness.discord.waitFor(() => seen.includes('while you were away'));
    client.on('messageCreate', async (message) => {
      if (message.content === '!after') await message.reply('still here');
    });
    expect((await alice.send(general, '!after').reply()).content).toBe('still here');
  });

  it('resumes after an opcode 7 reconnect request', async () => {
    const client = await loginClient(harness);
    const resumed = once(client, 'shardResume');
    harness.discord.gateway.requestReconnect();
    await resumed;
    expect(harness.discord.gateway.connections()).toBe(1);
  });

  it('strips message content without the MessageContent intent, except mentions of the bot', async () => {
    const client = await loginClient(harness, {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    });
    let message = nextMessage(client);
    alice.send(general, 'secret');
    expect((await message).content).toBe('');
    message = nextMessage(client);
    alice.send(general, `<@${harness.discord.botUserId}> hello`);
    expect((await message).content).toBe(`<@${harness.discord.botUserId}> hello`);
  });

  it('sends no guild messages without the GuildMessages intent, but still DMs with DirectMessages', async () => {
    const client = await loginClient(harness, {
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.DirectMessages,
        GatewayIntentBits.MessageContent,
      ],
      // As against Discord: DM channels are not cached until a DM arrives.
      partials: [Partials.Channel],
    });
    const contents: string[] = [];
    client.on('messageCreate', (message) => contents.push(message.content));
    alice.send(general, 'in the guild');
    const dm = nextMessage(client);
    alice.dm('in private');
    expect((await dm).content).toBe('in private');
    expect(contents).toEqual(['in private']);
  });

  it('refuses privileged intents the application has not enabled (close 4014)', async () => {
    await harness.discord.close();
    const { startEmulator } = await import('../src/index.js');
    harness.discord = await startEmulator({ privilegedIntents: [] });
    await expect(loginClient(harness)).rejects.toThrow(/intent/i);
  });

  it('dispatches what the test API changes: roles, channels, members, guild removal', async () => {
    const client = await loginClient(harness, {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
    });
    const cached = client.guilds.cache.get(guild.id)!;
    const role = guild.createRole({ name: 'Helpers', permissions: ['ManageMessages'] });
    const voice = guild.createChannel({ name: 'Voice', type: 2 });
    const bob = harness.discord.createUser({ username: 'bob' });
    guild.addMember(bob, { roles: [role] });
    await harness.discord.waitFor(() => cached.members.cache.get(bob.id)?.roles.cache.has(role.id));
    expect(cached.roles.cache.get(role.id)?.permissions.has('ManageMessages')).toBe(true);
    expect(cached.channels.cache.get(voice.id)?.isVoiceBased()).toBe(true);
    role.setPermissions(['KickMembers']);
    await harness.discord.waitFor(() =>
      cached.roles.cache.get(role.id)?.permissions.has('KickMembers'),
    );
    const left = once(client, 'guildDelete');
    guild.removeBot();
    await left;
    expect(client.guilds.cache.has(guild.id)).toBe(false);
  });

  it("splits guilds across shards by Discord's formula", async () => {
    const guilds = Array.from({ length: 6 }, (_, i) =>
      harness.discord.createGuild({ name: `G${i}` }),
    );
    const client = await loginClient(harness, { shards: [0, 1], shardCount: 2 });
    const all = [guild, ...guilds];
    expect(client.guilds.cache.size).toBe(all.length);
    for (const { id } of all) {
      const expected = Number((BigInt(id) >> 22n) % 2n);
      expect(client.guilds.cache.get(id)?.shardId).toBe(expected);
    }
    expect(harness.discord.gateway.connections()).toBe(2);
  });
});
