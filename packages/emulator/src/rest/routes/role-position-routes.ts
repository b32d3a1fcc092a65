import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { highestRolePosition } from '../../state/permissions.js';
import { sortedRoles } from '../../state/serialize.js';
import type { World } from '../../world/world.js';
import { invalidFormBody, missingPermissions, unknown } from '../discord-error.js';
import type { Router } from '../router.js';

/**
 * `GET /guilds/:id/roles/:role_id`, and `PATCH /guilds/:id/roles`: moves roles (`[{ id, position }]`). Like Discord, the result is
 * renumbered 1…n above `@everyone` (moved roles win ties), a bot moves only roles below its
 * highest role and never above it, and every role whose position changed gets a
 * GUILD_ROLE_UPDATE.
 */
export function registerRolePositionRoutes(router: Router, world: World): void {
  router.on('GET', '/guilds/:guild_id/roles/:role_id', ({ params }) => {
    const role = world.guild(params.guild_id ?? '').roles.get(params.role_id ?? '');
    if (!role) throw unknown('role');
    return role;
  });

  router.on('PATCH', '/guilds/:guild_id/roles', ({ params, body }) => {
    const guild = world.guild(params.guild_id ?? '');
    world.requireGuildPermissions(guild, P.ManageRoles);
    if (!Array.isArray(body)) {
      throw invalidFormBody({
        _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }],
      });
    }
    const top = highestRolePosition(guild, world.botUser.id);
    const wanted = new Map<string, number>();
    for (const item of body as { id?: string; position?: number }[]) {
      const role = guild.roles.get(item.id ?? '');
      if (!role) throw unknown('role');
      if (role.id === guild.id || typeof item.position !== 'number') continue;
      if (role.position >= top || item.position >= top) throw missingPermissions();
      wanted.set(role.id, item.position);
    }
    const before = new Map(sortedRoles(guild).map((role) => [role.id, role.position]));
    const order = sortedRoles(guild)
      .filter((role) => role.id !== guild.id)
      .map((role) => ({
        role,
        key: wanted.get(role.id) ?? role.position,
        moved: wanted.has(role.id),
      }))
      .sort(
        (a, b) =>
          a.key - b.key || Number(b.moved) - Number(a.moved) || a.role.position - b.role.position,
      );
    order.forEach((entry, index) => {
      entry.role.position = index + 1;
    });
    for (const { role } of order) {
      if (before.get(role.id) !== role.position) {
        world.dispatch('GUILD_ROLE_UPDATE', { guild_id: guild.id, role }, guild.id);
      }
    }
    world.notifyChange();
    return sortedRoles(guild);
  });
}
