import { ChannelType, DiscordAPIError, type ForumChannel, GatewayIntentBits } from 'discord.js';
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

  it('answers guild.members.fetch() over the gateway (opcode 8 → GUILD_MEMBERS_CHUNK)', async () => {
    const client = await loginClient(harness, { intents });
    const members = await client.guilds.cache.get(guild.id)!.members.fetch();
    expect([...members.keys()].sort()).toEqual(
      [guild.ownerId, harness.discord.botUserId, bob.id].sort(),
    );
    const byQuery = await client.guilds.cache
      .get(guild.id)!
      .members.fetch({ query: 'bo', limit: 5 });
    expect([...byQuery.keys()]).toEqual([bob.id]);
  });

  it('creates forum posts with their starter message, and custom emojis reach the cache', async () => {
    const client = await loginClient(harness, {
      intents: [...intents, GatewayIntentBits.GuildExpressions],
    });
    const forum = guild.createChannel({ name: 'help', type: ChannelType.GuildForum });
    await harness.discord.waitFor(() => client.channels.cache.get(forum.id));
    const channel = client.channels.cache.get(forum.id) as ForumChannel;
    const post = await channel.threads.create({
      name: 'How do I…',
      message: { content: 'first post' },
    });
    expect(post.parentId).toBe(forum.id);
    expect(harness.discord.messages(post.id).map((m) => m.content)).toEqual(['first post']);
    const emoji = guild.createEmoji('party');
    await harness.discord.waitFor(() => client.emojis.cache.get(emoji.id));
    expect(client.emojis.cache.get(emoji.id)?.name).toBe('party');
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
