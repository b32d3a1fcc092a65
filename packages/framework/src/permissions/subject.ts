import {
  type BaseInteraction,
  GuildMember,
  type Message,
  type PermissionResolvable,
  PermissionsBitField,
} from 'discord.js';
import type { PermissionSubject } from './tiers.js';

/** Reduces an interaction's invoker to what the permission tiers look at. */
export function subjectFromInteraction(interaction: BaseInteraction): PermissionSubject {
  const member = interaction.member;
  let roleIds: readonly string[] = [];
  if (member instanceof GuildMember) roleIds = [...member.roles.cache.keys()];
  else if (member && Array.isArray(member.roles)) roleIds = member.roles;
  return {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    guildOwnerId: interaction.guild?.ownerId ?? null,
    roleIds,
    hasPermissions: (bits) => bits === 0n || (interaction.memberPermissions?.has(bits) ?? false),
  };
}

/** Reduces a message's author to what the permission tiers look at. */
export function subjectFromMessage(message: Message): PermissionSubject {
  const member = message.member;
  return {
    userId: message.author.id,
    guildId: message.guildId,
    guildOwnerId: message.guild?.ownerId ?? null,
    roleIds: member ? [...member.roles.cache.keys()] : [],
    hasPermissions: (bits) => {
      if (bits === 0n) return true;
      if (!message.inGuild()) return true;
      if (!member) return false;
      return message.channel.permissionsFor(member)?.has(bits) ?? member.permissions.has(bits);
    },
  };
}

/** The Discord permissions a command requires of the user, as bits (0n when none). */
export function requiredBits(permissions: PermissionResolvable | undefined): bigint {
  return permissions === undefined ? 0n : new PermissionsBitField(permissions).bitfield;
}
