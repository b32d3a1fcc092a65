import type { GatewayDispatchPayload, GatewayReadyDispatchData } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { StateCache } from './state-cache.js';

// Gateway payloads are built loosely here (only the fields the cache reads); the cast is the
// test's, the cache itself is typed against discord-api-types.
const frame = (t: string, d: object, s = 1) =>
  ({ op: 0, t, s, d }) as unknown as GatewayDispatchPayload;
const ready = (guildIds: string[]) =>
  ({
    v: 10,
    user: { id: 'bot', username: 'Bot' },
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: 'session',
    resume_gateway_url: 'ws://resume',
    application: { id: 'app', flags: 0 },
  }) as unknown as GatewayReadyDispatchData;
const member = (id: string, roles: string[] = []) => ({
  user: { id, username: id },
  roles,
  joined_at: 'x',
});
const guildCreate = (id: string) => ({
  id,
  name: `Guild ${id}`,
  member_count: 2,
  channels: [{ id: `${id}-general`, type: 0, name: 'general' }],
  threads: [],
  roles: [
    { id, name: '@everyone' },
    { id: `${id}-mod`, name: 'mod' },
  ],
  members: [member('alice', [`${id}-mod`]), member('bob')],
  emojis: [],
  stickers: [],
  presences: [],
  voice_states: [],
  stage_instances: [],
  guild_scheduled_events: [],
  soundboard_sounds: [],
});

function bootedCache(): StateCache {
  const cache = new StateCache();
  cache.onReady(0, ready(['g1']), 1);
  expect(cache.isBootstrapped(0)).toBe(false);
  expect(cache.onGuildCreate(0, guildCreate('g1'))).toBe(true);
  expect(cache.isBootstrapped(0)).toBe(true);
  return cache;
}

function guildOf(cache: StateCache) {
  const snapshot = cache.snapshot(0);
  const create = snapshot?.frames.find((f) => f.t === 'GUILD_CREATE');
  return create?.d as unknown as ReturnType<typeof guildCreate> & Record<string, unknown>;
}

describe('the state cache', () => {
  it('synthesizes READY (guilds unavailable) and a GUILD_CREATE per guild', () => {
    const cache = bootedCache();
    const snapshot = cache.snapshot(0);
    expect(snapshot?.ready.guilds).toEqual([{ id: 'g1', unavailable: true }]);
    expect(snapshot?.ready.session_id).toBe('session');
    expect(snapshot?.frames.map((f) => f.t)).toEqual(['READY', 'GUILD_CREATE']);
    expect(guildOf(cache).members.map((m) => m.user.id)).toEqual(['alice', 'bob']);
    expect(new StateCache().snapshot(0)).toBeUndefined();
  });

  it('patches channels, threads, roles, members, emojis and the guild itself', () => {
    const cache = bootedCache();
    const apply = (t: string, d: object) => cache.apply(0, frame(t, { guild_id: 'g1', ...d }));
    apply('CHANNEL_CREATE', { id: 'c2', type: 0, name: 'rules' });
    apply('CHANNEL_UPDATE', { id: 'g1-general', type: 0, name: 'chat' });
    apply('THREAD_CREATE', { id: 't1', type: 11, parent_id: 'c2', name: 'thread' });
    apply('GUILD_ROLE_CREATE', { role: { id: 'r3', name: 'vip' } });
    apply('GUILD_ROLE_DELETE', { role_id: 'g1-mod' });
    apply('GUILD_MEMBER_ADD', member('carol'));
    apply('GUILD_MEMBER_UPDATE', {
      user: { id: 'bob', username: 'bob' },
      nick: 'Bobby',
      roles: ['r3'],
    });
    apply('GUILD_MEMBER_REMOVE', { user: { id: 'alice' } });
    apply('GUILD_EMOJIS_UPDATE', { emojis: [{ id: 'e1', name: 'wave' }] });
    cache.apply(0, frame('GUILD_UPDATE', { id: 'g1', name: 'Renamed', roles: undefined }));
    const guild = guildOf(cache);
    expect(guild.name).toBe('Renamed');
    expect(guild.channels.map((c) => c.name).sort()).toEqual(['chat', 'rules']);
    expect(guild.threads.map((t) => (t as { id: string }).id)).toEqual(['t1']);
    expect(guild.roles.map((r) => r.name).sort()).toEqual(['@everyone', 'vip']);
    expect(guild.members.map((m) => m.user.id).sort()).toEqual(['bob', 'carol']);
    expect(guild.members.find((m) => m.user.id === 'bob')).toMatchObject({
      nick: 'Bobby',
      roles: ['r3'],
    });
    expect(guild.member_count).toBe(2);
    expect(guild.emojis).toEqual([{ id: 'e1', name: 'wave' }]);
    // An archived thread leaves GUILD_CREATE (it lists active threads); deleting a channel takes its threads.
    apply('THREAD_UPDATE', {
      id: 't1',
      type: 11,
      parent_id: 'c2',
      thread_metadata: { archived: true },
    });
    expect(guildOf(cache).threads).toEqual([]);
    apply('THREAD_CREATE', { id: 't2', type: 11, parent_id: 'c2', name: 'again' });
    apply('CHANNEL_DELETE', { id: 'c2', type: 0 });
    expect(guildOf(cache).threads).toEqual([]);
  });

  it('removes a guild the bot left, and lists one in an outage as unavailable (GUILD_DELETE frame)', () => {
    const cache = bootedCache();
    cache.apply(0, frame('GUILD_DELETE', { id: 'g1', unavailable: true }));
    let snapshot = cache.snapshot(0);
    expect(snapshot?.frames.map((f) => f.t)).toEqual(['READY', 'GUILD_DELETE']);
    expect(snapshot?.frames[1]?.d).toEqual({ id: 'g1', unavailable: true });
    cache.apply(0, frame('GUILD_DELETE', { id: 'g1' }));
    snapshot = cache.snapshot(0);
    expect(snapshot?.ready.guilds).toEqual([]);
  });

  it('leaves out a guild whose streamed GUILD_CREATE is not acknowledged yet', () => {
    const cache = bootedCache();
    cache.onGuildCreate(0, guildCreate('g2'));
    cache.markPendingCreate('g2', 9);
    expect(cache.snapshot(0)?.ready.guilds.map((g) => g.id)).toEqual(['g1']);
    cache.consume(0, 9, frame('GUILD_CREATE', { id: 'g2' }), true);
    expect(
      cache
        .snapshot(0)
        ?.ready.guilds.map((g) => g.id)
        .sort(),
    ).toEqual(['g1', 'g2']);
  });

  it('treats a GUILD_DELETE for an awaited guild as its outage at login', () => {
    const cache = new StateCache();
    cache.onReady(0, ready(['g1', 'g2']), 1);
    cache.onGuildCreate(0, guildCreate('g1'));
    expect(cache.onGuildDelete(0, 'g2')).toBe(true);
    expect(cache.isBootstrapped(0)).toBe(true);
    expect(cache.snapshot(0)?.frames.map((f) => f.t)).toEqual([
      'READY',
      'GUILD_CREATE',
      'GUILD_DELETE',
    ]);
    expect(cache.onGuildDelete(0, 'g1')).toBe(false);
  });

  it('forgets the guilds a new READY no longer lists, and keeps the user up to date', () => {
    const cache = bootedCache();
    cache.apply(0, frame('USER_UPDATE', { id: 'bot', username: 'Renamed Bot' }));
    expect(cache.snapshot(0)?.ready.user.username).toBe('Renamed Bot');
    cache.onReady(0, ready([]), 50);
    expect(cache.snapshot(0)?.ready.guilds).toEqual([]);
    expect(cache.counts()).toEqual({ guilds: 0, members: 0 });
  });
});

describe('members seen in messages and interactions', () => {
  it('are kept, as discord.js caches them', () => {
    const cache = bootedCache();
    cache.apply(
      0,
      frame('MESSAGE_CREATE', {
        id: 'm1',
        guild_id: 'g1',
        channel_id: 'g1-general',
        author: { id: 'dave', username: 'dave' },
        member: { roles: [], joined_at: 'x' },
      }),
    );
    cache.apply(
      0,
      frame('INTERACTION_CREATE', {
        id: 'i1',
        guild_id: 'g1',
        member: { user: { id: 'erin', username: 'erin' }, roles: [], permissions: '8' },
      }),
    );
    const guild = guildOf(cache);
    expect(guild.members.map((m) => m.user.id).sort()).toEqual(['alice', 'bob', 'dave', 'erin']);
    expect(guild.members.find((m) => m.user.id === 'erin')).not.toHaveProperty('permissions');
    expect(guild.channels.find((c) => c.id === 'g1-general')).toMatchObject({
      last_message_id: 'm1',
    });
    expect(guild.member_count).toBe(2);
  });
});
