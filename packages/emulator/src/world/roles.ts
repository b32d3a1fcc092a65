import type { APIRole } from 'discord-api-types/v10';
import { type PermissionName, permissionBits } from '../state/permissions.js';
import type { GuildRecord } from '../state/records.js';
import { makeRole } from './guilds.js';
import { imageField } from './images.js';
import type { World } from './world.js';

/** The fields a role may be created or modified with (Discord's REST names). */
export interface RoleInput {
  name?: string;
  permissions?: string | bigint | readonly PermissionName[];
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
  position?: number;
  /** Image data (`data:image/png;base64,…`); `null` removes the icon. */
  icon?: string | null;
  unicode_emoji?: string | null;
}

function bitsOf(permissions: RoleInput['permissions']): bigint {
  if (permissions === undefined) return 0n;
  if (typeof permissions === 'string') return BigInt(permissions);
  return permissionBits(permissions);
}

/** Creates a role just above `@everyone` (as Discord does) and dispatches GUILD_ROLE_CREATE. */
export function createRole(world: World, guild: GuildRecord, input: RoleInput): APIRole {
  for (const role of guild.roles.values()) {
    if (role.position >= 1) role.position += 1;
  }
  const role = makeRole(world.ids.next(), input.name ?? 'new role', bitsOf(input.permissions), 1, {
    color: input.color ?? 0,
    colors: { primary_color: input.color ?? 0, secondary_color: null, tertiary_color: null },
    hoist: input.hoist ?? false,
    mentionable: input.mentionable ?? false,
    icon: input.icon ? imageField(world, 'icon', input.icon) : null,
    unicode_emoji: input.unicode_emoji ?? null,
  });
  guild.roles.set(role.id, role);
  world.dispatch('GUILD_ROLE_CREATE', { guild_id: guild.id, role }, guild.id);
  world.notifyChange();
  return role;
}

/** Modifies a role and dispatches GUILD_ROLE_UPDATE. */
export function updateRole(
  world: World,
  guild: GuildRecord,
  role: APIRole,
  input: RoleInput,
): APIRole {
  if (input.name !== undefined) role.name = input.name;
  if (input.permissions !== undefined) role.permissions = bitsOf(input.permissions).toString();
  if (input.color !== undefined) {
    role.color = input.color;
    role.colors = { ...role.colors, primary_color: input.color };
  }
  if (input.hoist !== undefined) role.hoist = input.hoist;
  if (input.mentionable !== undefined) role.mentionable = input.mentionable;
  if (input.position !== undefined) role.position = input.position;
  if (input.icon !== undefined) role.icon = imageField(world, 'icon', input.icon);
  if (input.unicode_emoji !== undefined) role.unicode_emoji = input.unicode_emoji;
  world.dispatch('GUILD_ROLE_UPDATE', { guild_id: guild.id, role }, guild.id);
  world.notifyChange();
  return role;
}

/** Deletes a role, removes it from members, and dispatches GUILD_ROLE_DELETE. */
export function deleteRole(world: World, guild: GuildRecord, role: APIRole): void {
  guild.roles.delete(role.id);
  for (const member of guild.members.values()) {
    member.roles = member.roles.filter((id) => id !== role.id);
  }
  world.dispatch('GUILD_ROLE_DELETE', { guild_id: guild.id, role_id: role.id }, guild.id);
  world.notifyChange();
}
