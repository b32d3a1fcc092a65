import { PermissionsBitField } from 'discord.js';

/** The tier that let a user through, or `everyone` when no tier was needed. */
export type GrantTier = 'bot-owner' | 'guild-owner' | 'role' | 'permissions' | 'everyone';

/** Why a user was refused. */
export type DenyReason = 'owner-only' | 'missing-role' | 'missing-permissions';

/** Who is invoking, reduced to what the tiers look at. */
export interface PermissionSubject {
  userId: string;
  /** null in DMs. */
  guildId: string | null;
  guildOwnerId: string | null;
  roleIds: readonly string[];
  /** Whether the member holds every Discord permission in `bits` (true when `bits` is 0n). */
  hasPermissions(bits: bigint): boolean;
}

/** What the command demands. */
export interface CommandPolicy {
  name: string;
  ownerOnly: boolean;
  /** Per-guild roles allowed to run the command (from the guild database); empty = not configured. */
  roles: readonly string[];
  /** Discord permissions required of the member; 0n = none. */
  requiredPermissions: bigint;
}

/** A refusal: why, what the user is told, and the title of the reply. */
export interface PermissionDenial {
  allowed: false;
  reason: DenyReason;
  /** Names what is missing: bot ownership, one of the roles, or the Discord permissions. */
  message: string;
  /** Short title of the refusal reply. */
  title: string;
}

/** The outcome of {@link decidePermission}. */
export type PermissionDecision = { allowed: true; tier: GrantTier } | PermissionDenial;

/** Titles of the refusals, by reason. */
export const DENIAL_TITLE: Readonly<Record<DenyReason, string>> = {
  'owner-only': 'Bot owners only',
  'missing-role': 'Role required',
  'missing-permissions': 'Missing permissions',
};

/**
 * The permission tiers, first match wins: bot owners → (owner-only commands stop here) →
 * guild owner → per-guild per-command roles → Discord permissions → everyone.
 * When roles are configured for a command in a guild they are the gate: a member without one of
 * them is refused even if they hold the Discord permissions (the guild chose who may use it).
 *
 * @example
 * ```ts
 * decidePermission(subject, { name: 'ban', ownerOnly: false, roles: [], requiredPermissions: 4n }, owners);
 * ```
 */
export function decidePermission(
  subject: PermissionSubject,
  policy: CommandPolicy,
  owners: ReadonlySet<string>,
): PermissionDecision {
  if (owners.has(subject.userId)) return { allowed: true, tier: 'bot-owner' };
  if (policy.ownerOnly) {
    return {
      allowed: false,
      reason: 'owner-only',
      message: `\`${policy.name}\` can only be used by the bot owners.`,
      title: DENIAL_TITLE['owner-only'],
    };
  }
  if (subject.guildId === null) {
    return subject.hasPermissions(policy.requiredPermissions)
      ? { allowed: true, tier: policy.requiredPermissions ? 'permissions' : 'everyone' }
      : missingPermissions(policy.name, policy.requiredPermissions, subject);
  }
  if (subject.guildOwnerId !== null && subject.guildOwnerId === subject.userId) {
    return { allowed: true, tier: 'guild-owner' };
  }
  if (policy.roles.length > 0) {
    if (subject.roleIds.some((id) => policy.roles.includes(id)))
      return { allowed: true, tier: 'role' };
    const shown = policy.roles
      .slice(0, 3)
      .map((id) => `<@&${id}>`)
      .join(', ');
    const more = policy.roles.length > 3 ? ` (+${policy.roles.length - 3} more)` : '';
    return {
      allowed: false,
      reason: 'missing-role',
      message: `\`${policy.name}\` needs one of these roles here: ${shown}${more}.`,
      title: DENIAL_TITLE['missing-role'],
    };
  }
  if (policy.requiredPermissions === 0n) return { allowed: true, tier: 'everyone' };
  return subject.hasPermissions(policy.requiredPermissions)
    ? { allowed: true, tier: 'permissions' }
    : missingPermissions(policy.name, policy.requiredPermissions, subject);
}

/**
 * The refusal for a member without the Discord permissions `command` requires; it names the
 * ones they lack (`Ban Members`), each checked on its own against the subject.
 */
export function missingPermissions(
  command: string,
  required: bigint,
  subject: Pick<PermissionSubject, 'hasPermissions'>,
): PermissionDenial {
  const lacking = new PermissionsBitField(required)
    .toArray()
    .filter((flag) => !subject.hasPermissions(PermissionsBitField.resolve(flag)));
  // Discord's own check may fail on a combination even when each flag passes alone: then all
  // of them are named.
  const names = (lacking.length > 0 ? lacking : new PermissionsBitField(required).toArray()).map(
    permissionLabel,
  );
  return {
    allowed: false,
    reason: 'missing-permissions',
    message: `You lack the Discord permissions \`${command}\` requires: ${names.join(', ')}.`,
    title: DENIAL_TITLE['missing-permissions'],
  };
}

/** `BanMembers` → `Ban Members`, as Discord's client names permissions. */
export function permissionLabel(flag: string): string {
  return flag.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');
}
