import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

let harness: Harness | undefined;
afterEach(async () => {
  await teardown(harness);
  harness = undefined;
});

describe('login', () => {
  it('brings a discord.js client to ready with its guilds, channels and roles cached', async () => {
    harness = await setup();
    const { discord } = harness;
    const guild = discord.createGuild({ name: 'Test' });
    const general = guild.createChannel({ name: 'general' });
    const mods = guild.createRole({ name: 'Mods', permissions: ['BanMembers'] });
    const client = await loginClient(harness);
    expect(client.user.id).toBe(discord.botUserId);
    expect(client.application?.id).toBe(discord.applicationId);
    const cached = client.guilds.cache.get(guild.id);
    expect(cached?.name).toBe('Test');
    expect(cached?.channels.cache.get(general.id)?.name).toBe('general');
    expect(cached?.roles.cache.get(mods.id)?.permissions.has('BanMembers')).toBe(true);
    expect(cached?.members.me?.permissions.has('Administrator')).toBe(true);
  });

  it('sends GUILD_CREATE at once for a guild created while the bot is connected', async () => {
    harness = await setup();
    const client = await loginClient(harness);
    const created = new Promise((resolve) => client.once('guildCreate', resolve));
    const guild = harness.discord.createGuild({ name: 'Later' });
    await created;
    expect(client.guilds.cache.get(guild.id)?.name).toBe('Later');
  });

  it('refuses a wrong token with close code 4004 (TokenInvalid in discord.js)', async () => {
    harness = await setup();
    const { Client } = await import('discord.js');
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      ...harness.discord.clientOptions(),
    });
    harness.clients.push(client);
    await expect(client.login('not-the-token')).rejects.toThrow();
  });
});
