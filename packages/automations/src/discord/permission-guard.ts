import { type Guild, type GuildMember, PermissionFlagsBits } from 'discord.js';
import { ACTION_REQUIREMENTS, permissionNames } from '../engine/action-requirements.js';
import type { EventFacts } from '../engine/event-facts.js';
import type { ActionGuard } from '../engine/run-rule.js';
import type { Action } from '../model/action-schema.js';
import { fetchMember } from './event-facts-from-discord.js';

/** The roles an action manages (their position must be below the creator's and the bot's). */
function managedRoles(action: Action, facts: EventFacts): string[] {
  if (action.type === 'add_role' || action.type === 'remove_role') return [action.roleId];
  if (action.type === 'award_xp') return action.rewards.map((r) => r.roleId);
  if (action.type === 'reaction_role') {
    return action.roles
      .filter((r) => r.emoji === facts.emojiName || r.emoji === facts.emojiId)
      .map((r) => r.roleId);
  }
  return [];
}

/** The channel an action works in, when its permission is a channel permission. */
function channelOf(action: Action, facts: EventFacts): string | undefined {
  if (action.type === 'send_message') return action.channelId ?? facts.channelId;
  if (action.type === 'reply' || action.type === 'delete_message') return facts.channelId;
  return undefined;
}

function missing(
  member: GuildMember,
  guild: Guild,
  bits: readonly bigint[],
  channelId: string | undefined,
): bigint[] {
  if (member.id === guild.ownerId) return [];
  const channel = channelId ? guild.channels.cache.get(channelId) : undefined;
  const have = channel ? channel.permissionsFor(member).bitfield : member.permissions.bitfield;
  if ((have & PermissionFlagsBits.Administrator) !== 0n) return [];
  return bits.filter((bit) => (have & bit) === 0n);
}

/**
 * Checks every action at run time against the rule's creator (a rule never does more than they
 * could by hand, and they may have lost a role since saving it) and against the bot. Roles it
 * manages must sit below both their highest roles (Discord's own hierarchy rule).
 */
export function createPermissionGuard(guildOf: (id: string) => Guild | undefined): ActionGuard {
  return {
    async refuse(action, facts, creatorId) {
      const requirement = ACTION_REQUIREMENTS[action.type];
      if (requirement.permissions.length === 0) return undefined;
      const guild = guildOf(facts.guildId);
      if (!guild) return 'the bot is not in this server';
      const creator = await fetchMember(guild, creatorId);
      if (!creator) return `its creator <@${creatorId}> is no longer a member`;
      const me = guild.members.me;
      if (!me) return 'the bot’s member is not known yet';
      const channelId = channelOf(action, facts);
      for (const [who, member] of [
        ['its creator', creator],
        ['the bot', me],
      ] as const) {
        const lacking = missing(member, guild, requirement.permissions, channelId);
        if (lacking.length > 0) return `${who} lacks ${permissionNames(lacking).join(', ')}`;
      }
      for (const roleId of managedRoles(action, facts)) {
        const role = guild.roles.cache.get(roleId);
        if (!role) return `role ${roleId} does not exist`;
        if (creator.id !== guild.ownerId && role.position >= creator.roles.highest.position) {
          return `role ${role.name} is not below its creator’s highest role`;
        }
        if (role.position >= me.roles.highest.position)
          return `role ${role.name} is not below the bot’s highest role`;
      }
      return undefined;
    },
  };
}
