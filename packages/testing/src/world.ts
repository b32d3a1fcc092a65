import type { ChannelHandle, Emulator, GuildHandle, RoleHandle, UserHandle } from '@zoryx/emulator';

/** A guild with the usual cast: one of each permission tier the framework knows. */
export interface TestWorld {
  /** The guild (the bot is a member, with an Administrator role). */
  readonly guild: GuildHandle;
  /** Its `#general` text channel. */
  readonly channel: ChannelHandle;
  /** A bot owner (listed in `config.owners`), a plain member of the guild. */
  readonly owner: UserHandle;
  /** The guild's owner (not a bot owner). */
  readonly guildOwner: UserHandle;
  /** A member with the Administrator permission, through {@link TestWorld.adminRole}. */
  readonly admin: UserHandle;
  /** A member without roles or permissions. */
  readonly member: UserHandle;
  /** The `Admins` role (Administrator) that {@link TestWorld.admin} holds. */
  readonly adminRole: RoleHandle;
}

/**
 * Creates a guild named `name` with a `#general` channel, its owner, an `Admins` role with the
 * Administrator permission, an admin, a plain member, and `owner` (the bot owner) as a member.
 * Usernames are `guild-owner`, `admin` and `member`, prefixed with `prefix` when given (so a
 * second world's users are told apart in replies).
 */
export function createWorld(
  discord: Emulator,
  owner: UserHandle,
  name: string,
  prefix = '',
): TestWorld {
  const guildOwner = discord.createUser({ username: `${prefix}guild-owner` });
  const guild = discord.createGuild({ name, owner: guildOwner });
  const channel = guild.createChannel({ name: 'general' });
  const adminRole = guild.createRole({ name: 'Admins', permissions: ['Administrator'] });
  const admin = discord.createUser({ username: `${prefix}admin` });
  const member = discord.createUser({ username: `${prefix}member` });
  guild.addMember(owner);
  guild.addMember(admin, { roles: [adminRole] });
  guild.addMember(member);
  return { guild, channel, owner, guildOwner, admin, member, adminRole };
}
