import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { highestRolePosition } from '../../state/permissions.js';
import type { GuildRecord, MemberRecord } from '../../state/records.js';
import { serializeMember } from '../../state/serialize.js';
import { findMember, memberUpdated, removeMember } from '../../world/guilds.js';
import { deleteMessage } from '../../world/messages.js';
import { moveMemberByBot } from '../../world/voice-states.js';
import type { World } from '../../world/world.js';
import { DiscordApiError, invalidFormBody, missingPermissions, unknown } from '../discord-error.js';
import type { Router } from '../router.js';
import { requireRoleBelowBot } from './guild-routes.js';

/** Discord refuses moderation of the owner and of members whose top role is not below the bot's. */
function requireAboveMember(world: World, guild: GuildRecord, userId: string): void {
  if (userId === guild.ownerId) throw missingPermissions();
  if (highestRolePosition(guild, userId) >= highestRolePosition(guild, world.botUser.id)) {
    throw missingPermissions();
  }
}

interface MemberPatch {
  nick?: string | null;
  roles?: string[];
  communication_disabled_until?: string | null;
  mute?: boolean;
  deaf?: boolean;
  channel_id?: string | null;
}

/** Timeouts may last at most 28 days. */
const MAX_TIMEOUT_MS = 28 * 24 * 60 * 60 * 1000;

function patchMember(
  world: World,
  guild: GuildRecord,
  member: MemberRecord,
  patch: MemberPatch,
): void {
  const self = member.userId === world.botUser.id;
  if (patch.nick !== undefined) {
    world.requireGuildPermissions(guild, self ? P.ChangeNickname : P.ManageNicknames);
    if (!self) requireAboveMember(world, guild, member.userId);
    member.nick = patch.nick || null;
  }
  if (patch.roles !== undefined) {
    world.requireGuildPermissions(guild, P.ManageRoles);
    const added = patch.roles.filter((id) => !member.roles.includes(id));
    const removed = member.roles.filter((id) => !patch.roles?.includes(id));
    for (const id of [...added, ...removed]) {
      if (guild.roles.get(id)?.managed) throw new DiscordApiError(400, 50028, 'Invalid role');
      requireRoleBelowBot(world, guild, id);
    }
    member.roles = [...new Set(patch.roles)];
  }
  if (patch.communication_disabled_until !== undefined) {
    world.requireGuildPermissions(guild, P.ModerateMembers);
    requireAboveMember(world, guild, member.userId);
    const until = patch.communication_disabled_until;
    if (until !== null) {
      const time = Date.parse(until);
      if (Number.isNaN(time) || time - Date.now() > MAX_TIMEOUT_MS) {
        throw invalidFormBody({
          communication_disabled_until: {
            _errors: [
              {
                code: 'COMMUNICATION_DISABLED_TIMESTAMP_TOO_LARGE',
                message: 'Timeout can be at most 28 days',
              },
            ],
          },
        });
      }
    }
    member.communicationDisabledUntil = until;
  }
  if (patch.mute !== undefined) {
    world.requireGuildPermissions(guild, P.MuteMembers);
    member.mute = patch.mute;
  }
  if (patch.deaf !== undefined) {
    world.requireGuildPermissions(guild, P.DeafenMembers);
    member.deaf = patch.deaf;
  }
  if (patch.channel_id !== undefined) {
    moveMemberByBot(world, guild, member.userId, patch.channel_id);
    if (Object.keys(patch).length === 1) return;
  }
  memberUpdated(world, guild, member);
}

/** Members, their roles, kicks, timeouts and bans. */
export function registerMemberRoutes(router: Router, world: World): void {
  const serialize = (member: MemberRecord) => serializeMember(member, world.user(member.userId));

  router.on('GET', '/guilds/:guild_id/members', ({ params, query }) => {
    const guild = world.guild(params.guild_id ?? '');
    const limit = Math.min(Number(query.get('limit') ?? 1), 1000);
    const after = BigInt(query.get('after') ?? '0');
    return [...guild.members.values()]
      .filter((member) => BigInt(member.userId) > after)
      .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
      .slice(0, limit)
      .map(serialize);
  });

  router.on('GET', '/guilds/:guild_id/members/search', ({ params, query }) => {
    const guild = world.guild(params.guild_id ?? '');
    const text = (query.get('query') ?? '').toLowerCase();
    const limit = Math.min(Number(query.get('limit') ?? 1), 1000);
    return [...guild.members.values()]
      .filter((member) => {
        const user = world.user(member.userId);
        return [user.username, user.global_name, member.nick].some((name) =>
          name?.toLowerCase().startsWith(text),
        );
      })
      .slice(0, limit)
      .map(serialize);
  });

  router.on('PATCH', '/guilds/:guild_id/members/@me', ({ params, body }) => {
    const guild = world.guild(params.guild_id ?? '');
    const member = findMember(guild, world.botUser.id);
    patchMember(world, guild, member, { nick: (body as MemberPatch | undefined)?.nick ?? null });
    return serialize(member);
  });

  router.on('GET', '/guilds/:guild_id/members/:user_id', ({ params }) =>
    serialize(findMember(world.guild(params.guild_id ?? ''), params.user_id ?? '')),
  );

  router.on('PATCH', '/guilds/:guild_id/members/:user_id', ({ params, body }) => {
    const guild = world.guild(params.guild_id ?? '');
    const member = findMember(guild, params.user_id ?? '');
    patchMember(world, guild, member, (body ?? {}) as MemberPatch);
    return serialize(member);
  });

  router.on('PUT', '/guilds/:guild_id/members/:user_id/roles/:role_id', ({ params }) => {
    const guild = world.guild(params.guild_id ?? '');
    const member = findMember(guild, params.user_id ?? '');
    const roleId = params.role_id ?? '';
    patchMember(world, guild, member, { roles: [...member.roles, roleId] });
    return undefined;
  });

  router.on('DELETE', '/guilds/:guild_id/members/:user_id/roles/:role_id', ({ params }) => {
    const guild = world.guild(params.guild_id ?? '');
    const member = findMember(guild, params.user_id ?? '');
    if (!guild.roles.has(params.role_id ?? '')) throw unknown('role');
    patchMember(world, guild, member, {
      roles: member.roles.filter((id) => id !== params.role_id),
    });
    return undefined;
  });

  router.on('DELETE', '/guilds/:guild_id/members/:user_id', ({ params }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.KickMembers);
    const userId = params.user_id ?? '';
    findMember(guild, userId);
    requireAboveMember(world, guild, userId);
    removeMember(world, guild, userId);
    return undefined;
  });

  router.on('GET', '/guilds/:guild_id/bans', ({ params }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.BanMembers);
    return [...guild.bans].map(([userId, ban]) => ({
      user: world.user(userId),
      reason: ban.reason,
    }));
  });

  router.on('GET', '/guilds/:guild_id/bans/:user_id', ({ params }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.BanMembers);
    const ban = guild.bans.get(params.user_id ?? '');
    if (!ban) throw unknown('ban');
    return { user: world.user(params.user_id ?? ''), reason: ban.reason };
  });

  router.on('PUT', '/guilds/:guild_id/bans/:user_id', ({ params, body, reason }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.BanMembers);
    const userId = params.user_id ?? '';
    const user = world.user(userId);
    if (guild.members.has(userId)) requireAboveMember(world, guild, userId);
    guild.bans.set(userId, { reason });
    const seconds =
      (body as { delete_message_seconds?: number } | undefined)?.delete_message_seconds ?? 0;
    if (seconds > 0) {
      const since = Date.now() - seconds * 1000;
      for (const channelId of guild.channelIds) {
        for (const message of [...(world.records.messages.get(channelId) ?? [])]) {
          if (message.author.id === userId && Date.parse(message.timestamp) >= since)
            deleteMessage(world, message);
        }
      }
    }
    world.dispatch('GUILD_BAN_ADD', { guild_id: guild.id, user }, guild.id);
    removeMember(world, guild, userId);
    return undefined;
  });

  router.on('DELETE', '/guilds/:guild_id/bans/:user_id', ({ params }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.BanMembers);
    const userId = params.user_id ?? '';
    if (!guild.bans.delete(userId)) throw unknown('ban');
    world.dispatch('GUILD_BAN_REMOVE', { guild_id: guild.id, user: world.user(userId) }, guild.id);
    return undefined;
  });
}
