import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChannelRecord, GuildRecord } from './records.js';

/** A permission name as discord.js spells it (`'BanMembers'`, `'SendMessages'`…). */
export type PermissionName = keyof typeof PermissionFlagsBits;

/** Every permission bit Discord defines, OR-ed together. */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce(
  (all, bit) => all | bit,
  0n,
);

/** What Discord gives `@everyone` in a new guild. */
export const DEFAULT_EVERYONE_PERMISSIONS: readonly PermissionName[] = [
  'ViewChannel',
  'CreateInstantInvite',
  'ChangeNickname',
  'SendMessages',
  'SendMessagesInThreads',
  'CreatePublicThreads',
  'CreatePrivateThreads',
  'EmbedLinks',
  'AttachFiles',
  'AddReactions',
  'UseExternalEmojis',
  'UseExternalStickers',
  'MentionEveryone',
  'ReadMessageHistory',
  'UseApplicationCommands',
  'Connect',
  'Speak',
  'Stream',
  'UseVAD',
  'RequestToSpeak',
  'SendVoiceMessages',
];

/** Turns permission names (or a raw bit field) into Discord's bit field. */
export function permissionBits(permissions: readonly PermissionName[] | bigint): bigint {
  if (typeof permissions === 'bigint') return permissions;
  return permissions.reduce((bits, name) => bits | PermissionFlagsBits[name], 0n);
}

/** Whether `bits` grants every permission in `required` (Administrator grants everything). */
export function hasPermissions(bits: bigint, required: bigint): boolean {
  if ((bits & PermissionFlagsBits.Administrator) !== 0n) return true;
  return (bits & required) === required;
}

/** The names of the permissions in `required` that `bits` lacks. */
export function missingPermissions(bits: bigint, required: bigint): PermissionName[] {
  if ((bits & PermissionFlagsBits.Administrator) !== 0n) return [];
  return (Object.entries(PermissionFlagsBits) as [PermissionName, bigint][])
    .filter(([, bit]) => (required & bit) !== 0n && (bits & bit) === 0n)
    .map(([name]) => name);
}

/** A member's guild-level permissions: Discord's "base permissions" algorithm. */
export function guildPermissions(guild: GuildRecord, userId: string): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  let bits = BigInt(guild.roles.get(guild.id)?.permissions ?? '0');
  for (const roleId of member?.roles ?? []) {
    bits |= BigInt(guild.roles.get(roleId)?.permissions ?? '0');
  }
  if ((bits & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
  return bits;
}

/**
 * A member's permissions in a channel: base permissions, then the channel's overwrites for
 * `@everyone`, the member's roles and the member, in Discord's order. Threads use their parent's
 * overwrites. Timed-out members keep only ViewChannel and ReadMessageHistory, as on Discord.
 */
export function channelPermissions(
  guild: GuildRecord,
  userId: string,
  channel: ChannelRecord,
  parentOf: (channel: ChannelRecord) => ChannelRecord | undefined,
): bigint {
  const base = guildPermissions(guild, userId);
  if (base === ALL_PERMISSIONS) return ALL_PERMISSIONS;
  const source = parentOf(channel) ?? channel;
  const overwrites = source.permission_overwrites ?? [];
  const member = guild.members.get(userId);
  let bits = base;
  const everyone = overwrites.find((overwrite) => overwrite.id === guild.id);
  if (everyone) bits = (bits & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type === 0 && member?.roles.includes(overwrite.id)) {
      allow |= BigInt(overwrite.allow);
      deny |= BigInt(overwrite.deny);
    }
  }
  bits = (bits & ~deny) | allow;
  const own = overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === userId);
  if (own) bits = (bits & ~BigInt(own.deny)) | BigInt(own.allow);
  const until = member?.communicationDisabledUntil;
  if (until && Date.parse(until) > Date.now()) {
    bits &= PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;
  }
  return bits;
}

/** The highest position among a member's roles (0 for `@everyone` only; Infinity for the owner). */
export function highestRolePosition(guild: GuildRecord, userId: string): number {
  if (guild.ownerId === userId) return Number.POSITIVE_INFINITY;
  const member = guild.members.get(userId);
  let highest = 0;
  for (const roleId of member?.roles ?? []) {
    highest = Math.max(highest, guild.roles.get(roleId)?.position ?? 0);
  }
  return highest;
}
