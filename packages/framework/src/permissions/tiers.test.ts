import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { denialTitle, PERMISSION_DENIED } from './tier-precondition.js';
import {
  type CommandPolicy,
  decidePermission,
  missingPermissions,
  type PermissionSubject,
  permissionLabel,
} from './tiers.js';

const OWNER = '100000000000000001';
const owners = new Set([OWNER]);
const subject = (over: Partial<PermissionSubject> = {}): PermissionSubject => ({
  userId: '200000000000000002',
  guildId: '300000000000000003',
  guildOwnerId: '400000000000000004',
  roleIds: [],
  hasPermissions: (bits) => bits === 0n,
  ...over,
});
const policy = (over: Partial<CommandPolicy> = {}): CommandPolicy => ({
  name: 'ban',
  ownerOnly: false,
  roles: [],
  requiredPermissions: 0n,
  ...over,
});

describe('decidePermission', () => {
  it('lets bot owners run everything, owner-only included', () => {
    expect(
      decidePermission(subject({ userId: OWNER }), policy({ ownerOnly: true }), owners),
    ).toEqual({
      allowed: true,
      tier: 'bot-owner',
    });
  });

  it('keeps owner-only commands owner-only, even for guild owners and role holders', () => {
    const guildOwner = subject({ userId: '400000000000000004', roleIds: ['9'] });
    const d = decidePermission(guildOwner, policy({ ownerOnly: true, roles: ['9'] }), owners);
    expect(d).toMatchObject({ allowed: false, reason: 'owner-only' });
  });

  it('lets the guild owner through without roles or permissions', () => {
    const d = decidePermission(
      subject({ userId: '400000000000000004' }),
      policy({ roles: ['9'], requiredPermissions: 4n }),
      owners,
    );
    expect(d).toEqual({ allowed: true, tier: 'guild-owner' });
  });

  it('grants configured roles before Discord permissions, and requires them when set', () => {
    expect(
      decidePermission(
        subject({ roleIds: ['9'] }),
        policy({ roles: ['9'], requiredPermissions: 4n }),
        owners,
      ),
    ).toEqual({
      allowed: true,
      tier: 'role',
    });
    const admin = subject({ hasPermissions: () => true });
    const d = decidePermission(admin, policy({ roles: ['9', '8', '7', '6'] }), owners);
    expect(d).toMatchObject({ allowed: false, reason: 'missing-role' });
    expect(d.allowed === false && d.message).toContain('(+1 more)');
  });

  it('falls back to Discord permissions, then everyone', () => {
    expect(decidePermission(subject(), policy({ requiredPermissions: 4n }), owners)).toMatchObject({
      allowed: false,
      reason: 'missing-permissions',
    });
    expect(
      decidePermission(
        subject({ hasPermissions: () => true }),
        policy({ requiredPermissions: 4n }),
        owners,
      ),
    ).toEqual({ allowed: true, tier: 'permissions' });
    expect(decidePermission(subject(), policy(), owners)).toEqual({
      allowed: true,
      tier: 'everyone',
    });
  });

  it('in DMs checks only owner-only and permissions', () => {
    const dm = subject({ guildId: null, guildOwnerId: null });
    expect(decidePermission(dm, policy(), owners)).toEqual({ allowed: true, tier: 'everyone' });
    expect(decidePermission(dm, policy({ ownerOnly: true }), owners)).toMatchObject({
      allowed: false,
    });
  });

  it('titles every refusal and names the missing permissions, not the held ones', () => {
    const ownerOnly = decidePermission(subject(), policy({ ownerOnly: true }), owners);
    expect(ownerOnly).toMatchObject({
      title: 'Bot owners only',
      message: '`ban` can only be used by the bot owners.',
    });
    const roles = decidePermission(subject(), policy({ roles: ['9'] }), owners);
    expect(roles).toMatchObject({ reason: 'missing-role', title: 'Role required' });
    const { BanMembers, KickMembers } = PermissionFlagsBits;
    const kicker = subject({ hasPermissions: (bits) => (bits & ~KickMembers) === 0n });
    const denied = decidePermission(
      kicker,
      policy({ requiredPermissions: BanMembers | KickMembers }),
      owners,
    );
    expect(denied).toEqual({
      allowed: false,
      reason: 'missing-permissions',
      title: 'Missing permissions',
      message: 'You lack the Discord permissions `ban` requires: Ban Members.',
    });
    const dm = subject({ guildId: null, guildOwnerId: null });
    expect(missingPermissions('setprefix', PermissionFlagsBits.Administrator, dm).message).toBe(
      'You lack the Discord permissions `setprefix` requires: Administrator.',
    );
    expect(permissionLabel('ManageGuild')).toBe('Manage Guild');
    expect(permissionLabel('UseVAD')).toBe('Use VAD');
  });
});

describe('denialTitle', () => {
  it('gives permission refusals their title and leaves other refusals untitled', () => {
    expect(
      denialTitle({ identifier: PERMISSION_DENIED, context: { title: 'Bot owners only' } }),
    ).toBe('Bot owners only');
    expect(denialTitle({ identifier: 'ZRX_COOLDOWN', context: { title: 'x' } })).toBeUndefined();
    expect(denialTitle({ identifier: PERMISSION_DENIED, context: null })).toBeUndefined();
  });
});
