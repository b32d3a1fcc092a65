import type { APIApplicationCommand } from 'discord-api-types/v10';
import {
  COMMAND_LIMITS,
  type CommandInput,
  validateCommand,
  validateCommandList,
} from '../../validation/command-rules.js';
import type { World } from '../../world/world.js';
import { badRequest, unknown } from '../discord-error.js';
import { type RouteRequest, RouteResponse, type Router } from '../router.js';

/** Fields Discord computes; a bot's body cannot set them. */
const SERVER_FIELDS = new Set(['id', 'application_id', 'version', 'guild_id']);

function scope(world: World, request: RouteRequest) {
  if (request.params.application_id !== world.settings.applicationId) throw unknown('application');
  const guildId = request.params.guild_id;
  if (guildId === undefined) return { guildId: null, commands: world.records.globalCommands };
  return { guildId, commands: world.guild(guildId).commands };
}

/**
 * The stored command: exactly the fields the bot sent, plus what Discord adds (ids, version,
 * type and the defaults discord.js reads). Echoing the bot's own fields is what lets Sapphire
 * see "no difference" on the next boot and skip its PATCH.
 */
function toCommand(
  world: World,
  body: CommandInput,
  guildId: string | null,
  id = world.ids.next(),
): APIApplicationCommand {
  const fields = Object.fromEntries(
    Object.entries(body).filter(([key]) => !SERVER_FIELDS.has(key)),
  );
  return {
    ...fields,
    id,
    application_id: world.settings.applicationId,
    version: world.ids.next(),
    type: (body.type as number | undefined) ?? 1,
    default_member_permissions:
      (body.default_member_permissions as string | null | undefined) ?? null,
    nsfw: (body.nsfw as boolean | undefined) ?? false,
    ...(guildId ? { guild_id: guildId } : {}),
  } as APIApplicationCommand;
}

function findByName(commands: Map<string, APIApplicationCommand>, body: CommandInput) {
  return [...commands.values()].find(
    (command) =>
      command.name === body.name &&
      (command.type ?? 1) === ((body.type as number | undefined) ?? 1),
  );
}

function checkLimit(commands: APIApplicationCommand[]): void {
  for (const [type, limit] of Object.entries(COMMAND_LIMITS)) {
    if (commands.filter((command) => (command.type ?? 1) === Number(type)).length > limit) {
      throw badRequest(30032, `Maximum number of application commands reached (${limit})`);
    }
  }
}

function register(router: Router, world: World, base: string): void {
  router.on('GET', base, (request) => [...scope(world, request).commands.values()]);

  router.on('POST', base, (request) => {
    const { guildId, commands } = scope(world, request);
    const body = (request.body ?? {}) as CommandInput;
    validateCommand(body);
    // Discord upserts by name and type: re-posting a command updates it (200), a new one is 201.
    const existing = findByName(commands, body);
    const command = toCommand(world, body, guildId, existing?.id);
    if (!existing) checkLimit([...commands.values(), command]);
    commands.set(command.id, command);
    world.notifyChange();
    return new RouteResponse(existing ? 200 : 201, command);
  });

  router.on('PUT', base, (request) => {
    const { guildId, commands } = scope(world, request);
    const list = Array.isArray(request.body) ? (request.body as CommandInput[]) : [];
    validateCommandList(list);
    const next = list.map((body) =>
      toCommand(world, body, guildId, findByName(commands, body)?.id),
    );
    checkLimit(next);
    commands.clear();
    for (const command of next) commands.set(command.id, command);
    world.notifyChange();
    return next;
  });

  router.on('GET', `${base}/:command_id`, (request) => {
    const command = scope(world, request).commands.get(request.params.command_id ?? '');
    if (!command) throw unknown('command');
    return command;
  });

  router.on('PATCH', `${base}/:command_id`, (request) => {
    const { guildId, commands } = scope(world, request);
    const current = commands.get(request.params.command_id ?? '');
    if (!current) throw unknown('command');
    const merged = { ...current, ...((request.body ?? {}) as CommandInput) } as CommandInput;
    validateCommand(merged);
    const command = toCommand(world, merged, guildId, current.id);
    commands.set(command.id, command);
    world.notifyChange();
    return command;
  });

  router.on('DELETE', `${base}/:command_id`, (request) => {
    const { commands } = scope(world, request);
    if (!commands.delete(request.params.command_id ?? '')) throw unknown('command');
    world.notifyChange();
    return undefined;
  });
}

/** Application commands, global and per guild: list, create (upsert), bulk overwrite, edit, delete. */
export function registerCommandRoutes(router: Router, world: World): void {
  // Before the `:command_id` routes, which would otherwise match "permissions".
  router.on('GET', '/applications/:application_id/guilds/:guild_id/commands/permissions', () => []);
  register(router, world, '/applications/:application_id/commands');
  register(router, world, '/applications/:application_id/guilds/:guild_id/commands');
}
