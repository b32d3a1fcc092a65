import { DiscordAPIError, GatewayIntentBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuildHandle, UserHandle } from '../src/index.js';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

let harness: Harness;
let guild: GuildHandle;
let bob: UserHandle;

beforeEach(async () => {
  harness = await setup();
  guild = harness.discord.createGuild({ name: 'Moderation' });
  guild.createChannel({ name: 'general' });
  bob = harness.discord.createUser({ username: 'bob' });
  guild.addMember(bob);
});
afterEach(async () => {
  await teardown(harness);
});

const intents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildModeration,
];

describe('moderation through REST, with gateway events', () => {
  it('bans with a reason, lists and lifts the ban', async () => {
    const client = await loginClient(harness, { intents });
    const cached = client.guilds.cache.get(guild.id)!;
    const banned = new Promise((resolve) => client.once('guildBanAdd', resolve));
    await cached.bans.create(bob.id, { reason: 'spam' });
    await banned;
    expect(guild.bans()).toEqual([{ userId: bob.id, reason: 'spam' }]);
    expect(guild.member(bob)).toBeUndefined();
    expect((await cached.bans.fetch(bob.id)).reason).toBe('spam');
    await cached.bans.remove(bob.id);
    expect(guild.bans()).toEqual([]);
  });

  it('kicks, times out and edits roles, refusing targets at or above its own role', async () => {
    const client = await loginClient(harness, { intents });
    const cached = client.guilds.cache.get(guild.id)!;
    const helper = guild.createRole({ name: 'Helper' });
    const member = await cached.members.fetch(bob.id);
    await member.roles.add(helper.id);
    expect(guild.member(bob)?.roles).toEqual([helper.id]);
    await member.timeout(60_000, 'calm down');
    expect(Date.parse(guild.member(bob)?.communication_disabled_until ?? '')).toBeGreaterThan(
      Date.now(),
    );
    await harness.discord.waitFor(() =>
      cached.members.cache.get(bob.id)?.isCommunicationDisabled(),
    );

    const boss = harness.discord.createUser({ username: 'boss' });
    const bossRole = guild.createRole({ name: 'Boss', permissions: ['Administrator'] });
    bossRole.setPosition(guild.botRole.raw.position + 1);
    guild.addMember(boss, { roles: [bossRole] });
    const refused = await cached.members.kick(boss.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect((refused as DiscordAPIError).code).toBe(50013);

    const removed = new Promise((resolve) => client.once('guildMemberRemove', resolve));
    await cached.members.kick(bob.id);
    await removed;
    expect(guild.member(bob)).toBeUndefined();
  });

  it('creates, edits and deletes roles and channels', async () => {
    const client = await loginClient(harness, { intents });
    const cached = client.guilds.cache.get(guild.id)!;
    const role = await cached.roles.create({ name: 'Made by bot', permissions: ['SendMessages'] });
    expect(guild.roles().some((r) => r.id === role.id)).toBe(true);
    await role.edit({ name: 'Renamed' });
    expect(guild.roles().find((r) => r.id === role.id)?.name).toBe('Renamed');
    await role.delete();
    expect(guild.roles().some((r) => r.id === role.id)).toBe(false);
    const channel = await cached.channels.create({ name: 'logs', topic: 'audit' });
    expect(guild.channels().map((c) => c.name)).toContain('logs');
    await channel.edit({ name: 'mod-logs' });
    expect(guild.channels().map((c) => c.name)).toContain('mod-logs');
    await channel.delete();
    expect(guild.channels().map((c) => c.name)).not.toContain('mod-logs');
  });
});
