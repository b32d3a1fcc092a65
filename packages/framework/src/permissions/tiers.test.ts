import { describe, expect, it } from 'vitest';
import { type CommandPolicy, decidePermission, type PermissionSubject } from './tiers.js';

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
});
