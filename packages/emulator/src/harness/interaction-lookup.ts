import { type APIApplicationCommand, ChannelType } from 'discord-api-types/v10';
import { EmulatorError } from '../errors.js';
import type { ChannelRecord, GuildRecord, StoredMessage } from '../state/records.js';
import { memberWithoutUser } from '../state/serialize.js';
import { dmChannel } from '../world/channels.js';
import type { World } from '../world/world.js';
import { idOf, type Ref } from './refs.js';

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
  // Scanned in place (no copies of the command lists per invocation).
  for (const commands of [guild?.commands, world.records.globalCommands]) {
    for (const command of commands?.values() ?? []) {
      if (command.name === name && types.includes(command.type ?? 1)) return command;
    }
  }
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

function unknownEntity(what: string, hint: string): EmulatorError {
  return new EmulatorError('ZRX_EMULATOR_UNKNOWN_ENTITY', what, hint);
}

/** A channel by id, or ZRX_EMULATOR_UNKNOWN_ENTITY. */
export function lookupChannel(world: World, id: string): ChannelRecord {
  const channel = world.records.channels.get(id);
  if (!channel)
    throw unknownEntity(
      `Channel ${id} does not exist.`,
      'Create it with guild.createChannel() first.',
    );
  return channel;
}

/** A guild by id, or ZRX_EMULATOR_UNKNOWN_ENTITY. */
export function lookupGuild(world: World, id: string): GuildRecord {
  const guild = world.records.guilds.get(id);
  if (!guild)
    throw unknownEntity(
      `Guild ${id} does not exist.`,
      'Create it with discord.createGuild() first.',
    );
  return guild;
}

/** Throws ZRX_EMULATOR_UNKNOWN_ENTITY unless the user is a member of the guild. */
export function requireMember(world: World, userId: string, guild: GuildRecord): void {
  if (!guild.members.has(userId)) {
    const name = world.records.users.get(userId)?.username ?? userId;
    throw unknownEntity(
      `${name} is not a member of guild ${guild.name}.`,
      `Add the user first: guild.addMember(${name}).`,
    );
  }
}

/**
 * Where an interaction happens: the given channel, else the guild's first text channel, else
 * (no guild) the user's DM channel with the bot.
 */
export function interactionChannel(
  world: World,
  guild: GuildRecord | null,
  channel: Ref | undefined,
  userId: string,
): ChannelRecord {
  if (channel !== undefined) return lookupChannel(world, idOf(channel));
  if (!guild) return dmChannel(world, userId);
  // The first text channel in position order (ties: the first created), found in one pass
  // rather than by sorting every channel of the guild for each command.
  let first: ChannelRecord | undefined;
  for (const id of guild.channelIds) {
    const candidate = world.records.channels.get(id);
    if (candidate?.type !== ChannelType.GuildText) continue;
    if (!first || (candidate.position ?? 0) < (first.position ?? 0)) first = candidate;
  }
  if (!first) {
    throw unknownEntity(
      `Guild ${guild.name} has no text channel to run the command in.`,
      'Create one with guild.createChannel({ name }) or pass { channel }.',
    );
  }
  return first;
}
