import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { makeRole } from '../world/guilds.js';
import {
  ALL_PERMISSIONS,
  channelPermissions,
  guildPermissions,
  hasPermissions,
  missingPermissions,
  permissionBits,
} from './permissions.js';
import type { ChannelRecord, GuildRecord } from './records.js';

function guild(): GuildRecord {
  const record: GuildRecord = {
    id: 'g',
    name: 'G',
    ownerId: 'owner',
    roles: new Map(),
    channelIds: new Set(),
    members: new Map(),
    bans: new Map(),
    commands: new Map(),
    emojis: [],
    stickers: [],
    botRoleId: 'bot-role',
    botJoined: true,
  };
  record.roles.set('g', makeRole('g', '@everyone', P.ViewChannel | P.SendMessages, 0));
  record.roles.set('mod', makeRole('mod', 'Mod', P.KickMembers, 1));
  record.roles.set('admin', makeRole('admin', 'Admin', P.Administrator, 2));
  const member = (userId: string, roles: string[]) => ({
    userId,
    nick: null,
    roles,
    joinedAt: '',
    communicationDisabledUntil: null,
    deaf: false,
    mute: false,
  });
  record.members.set('alice', member('alice', ['mod']));
  record.members.set('root', member('root', ['admin']));
  return record;
}

const channel = (overwrites: ChannelRecord['permission_overwrites']): ChannelRecord =>
  ({ id: 'c', type: 0, guild_id: 'g', permission_overwrites: overwrites }) as ChannelRecord;
const noParent = () => undefined;

describe('permissions', () => {
  it('combines @everyone and member roles; owner and Administrator get everything', () => {
    const g = guild();
    expect(guildPermissions(g, 'alice')).toBe(P.ViewChannel | P.SendMessages | P.KickMembers);
    expect(guildPermissions(g, 'owner')).toBe(ALL_PERMISSIONS);
    expect(guildPermissions(g, 'root')).toBe(ALL_PERMISSIONS);
  });

  it('applies overwrites in order: @everyone, roles, then the member', () => {
    const g = guild();
    const deny = (id: string, type: 0 | 1, bits: bigint) => ({
      id,
      type,
      allow: '0',
      deny: bits.toString(),
    });
    const allow = (id: string, type: 0 | 1, bits: bigint) => ({
      id,
      type,
      allow: bits.toString(),
      deny: '0',
    });
    const everyoneDenied = channel([deny('g', 0, P.SendMessages)]);
    expect(
      hasPermissions(channelPermissions(g, 'alice', everyoneDenied, noParent), P.SendMessages),
    ).toBe(false);
    const roleAllows = channel([deny('g', 0, P.SendMessages), allow('mod', 0, P.SendMessages)]);
    expect(
      hasPermissions(channelPermissions(g, 'alice', roleAllows, noParent), P.SendMessages),
    ).toBe(true);
    const memberDenies = channel([
      allow('mod', 0, P.SendMessages),
      deny('alice', 1, P.SendMessages),
    ]);
    expect(
      hasPermissions(channelPermissions(g, 'alice', memberDenies, noParent), P.SendMessages),
    ).toBe(false);
    expect(channelPermissions(g, 'root', memberDenies, noParent)).toBe(ALL_PERMISSIONS);
  });

  it('leaves a timed-out member only ViewChannel and ReadMessageHistory', () => {
    const g = guild();
    g.members.get('alice')!.communicationDisabledUntil = new Date(
      Date.now() + 60_000,
    ).toISOString();
    expect(channelPermissions(g, 'alice', channel([]), noParent)).toBe(P.ViewChannel);
  });

  it('names missing permissions and accepts names or bits', () => {
    expect(missingPermissions(P.SendMessages, P.SendMessages | P.BanMembers)).toEqual([
      'BanMembers',
    ]);
    expect(missingPermissions(P.Administrator, P.BanMembers)).toEqual([]);
    expect(permissionBits(['BanMembers', 'KickMembers'])).toBe(P.BanMembers | P.KickMembers);
    expect(permissionBits(8n)).toBe(8n);
  });
});
