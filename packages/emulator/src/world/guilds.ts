import type { APIRole } from 'discord-api-types/v10';
import { unknown } from '../rest/discord-error.js';
import {
  DEFAULT_EVERYONE_PERMISSIONS,
  type PermissionName,
  permissionBits,
} from '../state/permissions.js';
import type { GuildRecord, MemberRecord } from '../state/records.js';
import { makeUser, serializeMember } from '../state/serialize.js';
import type { World } from './world.js';

/** Builds a role in Discord's shape. */
export function makeRole(
  id: string,
  name: string,
  permissions: bigint,
  position: number,
  extra: Partial<APIRole> = {},
): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0,
    ...extra,
  } as APIRole;
}

/** Options of a new guild. */
export interface GuildInput {
  name: string;
  ownerId?: string;
  everyonePermissions?: readonly PermissionName[] | bigint;
  botPermissions?: readonly PermissionName[] | bigint;
}

/**
 * Creates a guild with `@everyone`, an owner, and the bot as a member with its managed role;
 * dispatches GUILD_CREATE to connected sessions (the bot "joins").
 */
export function createGuild(world: World, input: GuildInput): GuildRecord {
  const id = world.ids.next();
  let ownerId = input.ownerId;
  if (!ownerId) {
    const owner = makeUser(
      world.ids.next(),
      `${input.name.toLowerCase().replace(/\W+/g, '')}-owner`,
      false,
    );
    world.records.users.set(owner.id, owner);
    ownerId = owner.id;
  }
  const botRoleId = world.ids.next();
  const guild: GuildRecord = {
    id,
    name: input.name,
    ownerId,
    roles: new Map(),
    channelIds: new Set(),
    members: new Map(),
    bans: new Map(),
    commands: new Map(),
    emojis: [],
    stickers: [],
    botRoleId,
    botJoined: true,
  };
  const everyone = permissionBits(input.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS);
  guild.roles.set(id, makeRole(id, '@everyone', everyone, 0));
  const botPermissions = permissionBits(input.botPermissions ?? ['Administrator']);
  guild.roles.set(
    botRoleId,
    makeRole(botRoleId, world.botUser.username, botPermissions, 1, {
      managed: true,
      tags: { bot_id: world.botUser.id },
    }),
  );
  world.records.guilds.set(id, guild);
  guild.members.set(ownerId, newMember(ownerId, []));
  guild.members.set(world.botUser.id, newMember(world.botUser.id, [botRoleId]));
  return guild;
}

/** Announces a guild to the bot (GUILD_CREATE) once it is populated. */
export function announceGuild(world: World, guild: GuildRecord): void {
  world.gateway.dispatch('GUILD_CREATE', null, {
    guildId: guild.id,
    transform: (_data, intents) => world.guildCreate(guild.id, intents),
  });
}

/** A fresh member record. */
export function newMember(userId: string, roles: string[]): MemberRecord {
  return {
    userId,
    nick: null,
    roles,
    joinedAt: new Date().toISOString(),
    communicationDisabledUntil: null,
    deaf: false,
    mute: false,
  };
}

/** A member of a guild, or 404 Unknown Member (10007). */
export function findMember(guild: GuildRecord, userId: string): MemberRecord {
  const member = guild.members.get(userId);
  if (!member) throw unknown('member');
  return member;
}

/** Adds a user to a guild and dispatches GUILD_MEMBER_ADD. */
export function addMember(
  world: World,
  guild: GuildRecord,
  userId: string,
  roles: string[] = [],
  nick: string | null = null,
): MemberRecord {
  const member = newMember(userId, roles);
  member.nick = nick;
  guild.members.set(userId, member);
  world.dispatch(
    'GUILD_MEMBER_ADD',
    { ...serializeMember(member, world.user(userId)), guild_id: guild.id },
    guild.id,
  );
  world.notifyChange();
  return member;
}

/** Dispatches GUILD_MEMBER_UPDATE for a member's current state. */
export function memberUpdated(world: World, guild: GuildRecord, member: MemberRecord): void {
  world.dispatch(
    'GUILD_MEMBER_UPDATE',
    { ...serializeMember(member, world.user(member.userId)), guild_id: guild.id },
    guild.id,
  );
  world.notifyChange();
}

/** Removes a member (kick or leave) and dispatches GUILD_MEMBER_REMOVE. */
export function removeMember(world: World, guild: GuildRecord, userId: string): void {
  if (!guild.members.delete(userId)) return;
  world.dispatch('GUILD_MEMBER_REMOVE', { guild_id: guild.id, user: world.user(userId) }, guild.id);
  world.notifyChange();
}

/** Removes the bot from a guild: GUILD_DELETE, as when it is kicked. */
export function removeBot(world: World, guild: GuildRecord): void {
  world.dispatch('GUILD_DELETE', { id: guild.id, unavailable: false }, guild.id);
  guild.botJoined = false;
  guild.members.delete(world.botUser.id);
  world.notifyChange();
}
