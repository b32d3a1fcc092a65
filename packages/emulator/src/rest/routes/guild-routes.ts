import { type APIOverwrite, ChannelType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { guildPermissions, highestRolePosition, permissionBits } from '../../state/permissions.js';
import type { GuildRecord } from '../../state/records.js';
import { serializeGuild } from '../../state/serialize.js';
import { type MessageInput, validateMessage } from '../../validation/message-rules.js';
import { withChannelFields } from '../../world/channel-fields.js';
import {
  type ChannelInput,
  createChannel,
  createThread,
  deleteChannel,
  updateChannel,
} from '../../world/channels.js';
import { applyGuildSettings } from '../../world/guild-settings.js';
import { createMessage, findMessage } from '../../world/messages.js';
import { createRole, deleteRole, type RoleInput, updateRole } from '../../world/roles.js';
import type { World } from '../../world/world.js';
import { badRequest, invalidFormBody, missingPermissions, unknown } from '../discord-error.js';
import { RouteResponse, type Router } from '../router.js';

const GUILD_CHANNEL_TYPES = new Set<number>([
  ChannelType.GuildText,
  ChannelType.GuildVoice,
  ChannelType.GuildCategory,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildStageVoice,
  ChannelType.GuildForum,
  ChannelType.GuildMedia,
]);

function checkChannelName(name: unknown, required: boolean): void {
  if (name === undefined && !required) return;
  if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
    throw invalidFormBody({
      name: {
        _errors: [
          { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
        ],
      },
    });
  }
}

/** Discord refuses to let a bot touch a role at or above its own highest role. */
function requireRoleBelowBot(world: World, guild: GuildRecord, roleId: string): void {
  const role = guild.roles.get(roleId);
  if (!role) throw unknown('role');
  if (role.position >= highestRolePosition(guild, world.botUser.id)) throw missingPermissions();
}

/** A bot may grant only permissions it has itself (unless it is an administrator). */
function requireGrantable(
  world: World,
  guild: GuildRecord,
  permissions: RoleInput['permissions'],
): void {
  if (permissions === undefined) return;
  const bits = typeof permissions === 'string' ? BigInt(permissions) : permissionBits(permissions);
  const own = guildPermissions(guild, world.botUser.id);
  if ((own & P.Administrator) === 0n && (bits & ~own) !== 0n) throw missingPermissions();
}

/** Guilds, their channels, roles, overwrites and threads. */
export function registerGuildRoutes(router: Router, world: World): void {
  router.on('GET', '/guilds/:guild_id', ({ params }) =>
    serializeGuild(world.guild(params.guild_id ?? '')),
  );

  router.on('PATCH', '/guilds/:guild_id', ({ params, body }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.ManageGuild);
    const name = (body as { name?: string } | undefined)?.name;
    if (name !== undefined) checkChannelName(name, false);
    applyGuildSettings(world, guild, body ?? {});
    if (name !== undefined) guild.name = name;
    world.dispatch('GUILD_UPDATE', serializeGuild(guild), guild.id);
    return serializeGuild(guild);
  });

  router.on('GET', '/guilds/:guild_id/channels', ({ params }) =>
    world
      .guildChannels(world.guild(params.guild_id ?? ''))
      .filter((c) => c.type < 10 || c.type > 12),
  );

  router.on('POST', '/guilds/:guild_id/channels', ({ params, body }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.ManageChannels);
    const input = (body ?? {}) as ChannelInput;
    checkChannelName(input.name, true);
    if (input.type !== undefined && !GUILD_CHANNEL_TYPES.has(input.type)) {
      throw invalidFormBody({
        type: {
          _errors: [
            {
              code: 'BASE_TYPE_CHOICES',
              message: 'Value must be one of {0, 2, 4, 5, 13, 15, 16}.',
            },
          ],
        },
      });
    }
    return new RouteResponse(201, createChannel(world, guild, input));
  });

  router.on('PATCH', '/guilds/:guild_id/channels', ({ params, body }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.ManageChannels);
    type Move = {
      id: string;
      position?: number;
      parent_id?: string | null;
      lock_permissions?: boolean;
    };
    for (const item of (body as Move[] | undefined) ?? []) {
      const channel = world.channel(item.id);
      if (channel.guild_id !== guild.id) throw unknown('channel');
      const parent = item.parent_id ? world.channel(item.parent_id) : undefined;
      updateChannel(world, channel, {
        ...(item.position !== undefined ? { position: item.position } : {}),
        ...(item.parent_id !== undefined ? { parent_id: item.parent_id } : {}),
        // Syncing to the new category copies its overwrites, as Discord does.
        ...(item.lock_permissions && parent
          ? { permission_overwrites: [...(parent.permission_overwrites ?? [])] }
          : {}),
      });
    }
    return undefined;
  });

  router.on('GET', '/channels/:channel_id', ({ params }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, 0n);
    return channel;
  });

  router.on('PATCH', '/channels/:channel_id', ({ params, body }) => {
    const channel = world.channel(params.channel_id ?? '');
    const isThread = channel.type >= 10 && channel.type <= 12;
    world.requireChannelPermissions(channel, isThread ? P.ManageThreads : P.ManageChannels);
    const raw = (body ?? {}) as ChannelInput;
    checkChannelName(raw.name, false);
    if (raw.permission_overwrites) world.requireChannelPermissions(channel, P.ManageRoles);
    const input = isThread ? raw : withChannelFields(world, channel.type, raw);
    return updateChannel(world, channel, input);
  });

  router.on('DELETE', '/channels/:channel_id', ({ params }) => {
    const channel = world.channel(params.channel_id ?? '');
    const isThread = channel.type >= 10 && channel.type <= 12;
    world.requireChannelPermissions(channel, isThread ? P.ManageThreads : P.ManageChannels);
    deleteChannel(world, channel);
    return channel;
  });

  router.on('PUT', '/channels/:channel_id/permissions/:overwrite_id', ({ params, body }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, P.ManageRoles);
    const input = (body ?? {}) as Partial<APIOverwrite>;
    const overwrite: APIOverwrite = {
      id: params.overwrite_id ?? '',
      type: input.type ?? 0,
      allow: String(input.allow ?? '0'),
      deny: String(input.deny ?? '0'),
    };
    const others = (channel.permission_overwrites ?? []).filter((o) => o.id !== overwrite.id);
    updateChannel(world, channel, { permission_overwrites: [...others, overwrite] });
    return undefined;
  });

  router.on('DELETE', '/channels/:channel_id/permissions/:overwrite_id', ({ params }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, P.ManageRoles);
    const overwrites = channel.permission_overwrites ?? [];
    if (!overwrites.some((o) => o.id === params.overwrite_id)) throw unknown('overwrite');
    updateChannel(world, channel, {
      permission_overwrites: overwrites.filter((o) => o.id !== params.overwrite_id),
    });
    return undefined;
  });

  router.on('POST', '/channels/:channel_id/threads', ({ params, body, files }) => {
    const parent = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(parent, P.CreatePublicThreads);
    const input = (body ?? {}) as { name?: string; message?: MessageInput };
    checkChannelName(input.name, true);
    const guild = world.guildOf(parent);
    if (!guild) throw badRequest(50024, 'Cannot execute action on this channel type');
    const isForum =
      parent.type === ChannelType.GuildForum || parent.type === ChannelType.GuildMedia;
    if (isForum && !input.message) {
      throw invalidFormBody({
        message: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] },
      });
    }
    if (input.message) validateMessage(input.message, true, files.length);
    const thread = createThread(world, guild, parent, input.name as string, world.botUser.id);
    // A forum post is a thread plus its starter message, which shares the thread's id.
    if (input.message) createMessage(world, thread, world.botUser, input.message, { files });
    return new RouteResponse(
      201,
      isForum ? { ...thread, message: world.records.messages.get(thread.id)?.[0] } : thread,
    );
  });

  router.on('POST', '/channels/:channel_id/messages/:message_id/threads', ({ params, body }) => {
    const parent = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(parent, P.CreatePublicThreads);
    const message = findMessage(world, parent.id, params.message_id ?? '');
    const name = (body as { name?: string } | undefined)?.name;
    checkChannelName(name, true);
    const guild = world.guildOf(parent);
    if (!guild) throw badRequest(50024, 'Cannot execute action on this channel type');
    // Discord gives a thread started from a message the message's id.
    return new RouteResponse(
      201,
      createThread(world, guild, parent, name as string, world.botUser.id, message.id),
    );
  });

  router.on(
    'GET',
    '/guilds/:guild_id/emojis',
    ({ params }) => world.guild(params.guild_id ?? '').emojis,
  );

  router.on('GET', '/guilds/:guild_id/emojis/:emoji_id', ({ params }) => {
    const emoji = world.guild(params.guild_id ?? '').emojis.find((e) => e.id === params.emoji_id);
    if (!emoji) throw unknown('emoji');
    return emoji;
  });

  router.on('GET', '/guilds/:guild_id/roles', ({ params }) => [
    ...world.guild(params.guild_id ?? '').roles.values(),
  ]);

  router.on('POST', '/guilds/:guild_id/roles', ({ params, body }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.ManageRoles);
    const input = (body ?? {}) as RoleInput;
    requireGrantable(world, guild, input.permissions);
    return createRole(world, guild, input);
  });

  router.on('PATCH', '/guilds/:guild_id/roles/:role_id', ({ params, body }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.ManageRoles);
    const role = guild.roles.get(params.role_id ?? '');
    if (!role) throw unknown('role');
    if (role.id !== guild.id) requireRoleBelowBot(world, guild, role.id);
    const input = (body ?? {}) as RoleInput;
    requireGrantable(world, guild, input.permissions);
    return updateRole(world, guild, role, input);
  });

  router.on('DELETE', '/guilds/:guild_id/roles/:role_id', ({ params }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.ManageRoles);
    const role = guild.roles.get(params.role_id ?? '');
    if (!role) throw unknown('role');
    if (role.id === guild.id || role.managed) throw badRequest(50028, 'Invalid role');
    requireRoleBelowBot(world, guild, role.id);
    deleteRole(world, guild, role);
    return undefined;
  });
}

export { requireRoleBelowBot };
