import type { APIApplicationCommand } from 'discord-api-types/v10';
import { EmulatorError } from '../errors.js';
import type { GuildRecord, StoredMessage } from '../state/records.js';
import { memberWithoutUser } from '../state/serialize.js';
import type { World } from '../world/world.js';

/**
 * The registered command a user invokes: the guild's first, then the global one, as Discord's
 * client shows them. Unknown names fail with ZRX_EMULATOR_UNKNOWN_COMMAND listing what exists.
 */
export function findCommand(
  world: World,
  guild: GuildRecord | null,
  name: string,
  types: readonly number[],
): APIApplicationCommand {
  const match = (command: APIApplicationCommand) =>
    command.name === name && types.includes(command.type ?? 1);
  const found =
    [...(guild?.commands.values() ?? [])].find(match) ??
    [...world.records.globalCommands.values()].find(match);
  if (found) return found;
  const known = [...(guild?.commands.values() ?? []), ...world.records.globalCommands.values()].map(
    (command) => command.name,
  );
  throw new EmulatorError(
    'ZRX_EMULATOR_UNKNOWN_COMMAND',
    `The bot has not registered a command "${name}"${guild ? ` in guild ${guild.name} or globally` : ' globally'}; registered: ${known.join(', ') || 'none'}.`,
    'Wait until the bot has registered its commands (await discord.waitFor(() => discord.commands().length > 0)) or fix the name.',
  );
}

/** The `resolved` data of a user, role, mentionable or channel select, as Discord sends it. */
export function resolveSelectValues(world: World, message: StoredMessage, ids: readonly string[]) {
  const guild = message.guild_id ? world.records.guilds.get(message.guild_id) : undefined;
  const resolved: Record<string, Record<string, unknown>> = {};
  const put = (group: string, id: string, value: unknown) => {
    resolved[group] ??= {};
    (resolved[group] as Record<string, unknown>)[id] = value;
  };
  for (const id of ids) {
    const user = world.records.users.get(id);
    const member = guild?.members.get(id);
    const role = guild?.roles.get(id);
    const channel = world.records.channels.get(id);
    if (user) put('users', id, user);
    if (member) put('members', id, { ...memberWithoutUser(member), permissions: '0' });
    if (role) put('roles', id, role);
    if (channel) {
      put('channels', id, { id, name: channel.name ?? null, type: channel.type, permissions: '0' });
    }
  }
  return resolved;
}
