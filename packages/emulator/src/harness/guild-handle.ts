import type {
  APIApplicationCommand,
  APIEmoji,
  APIGuildMember,
  APIMessage,
  APIOverwrite,
  APIRole,
  ChannelType,
} from 'discord-api-types/v10';
import { EmulatorError } from '../errors.js';
import { type PermissionName, permissionBits } from '../state/permissions.js';
import type { ChannelRecord, GuildRecord } from '../state/records.js';
import { serializeMember } from '../state/serialize.js';
import { createChannel, createThread, deleteChannel, updateChannel } from '../world/channels.js';
import { createEmoji } from '../world/emojis.js';
import { addMember, memberUpdated, removeBot, removeMember } from '../world/guilds.js';
import { channelMessages } from '../world/messages.js';
import { createRole, deleteRole, updateRole } from '../world/roles.js';
import { requireVoiceChannel, setVoiceChannel, voiceChannelOf } from '../world/voice-states.js';
import type { World } from '../world/world.js';
import { idOf, type Ref } from './refs.js';

/** A permission overwrite as the test API takes it. */
export interface OverwriteInput {
  /** A role or user (handle or id); the guild's id means `@everyone`. */
  target: Ref;
  /** `'role'` (default) or `'member'`. */
  kind?: 'role' | 'member';
  allow?: readonly PermissionName[];
  deny?: readonly PermissionName[];
}

/** Options of {@link GuildHandle.createChannel}. */
export interface ChannelOptions {
  name: string;
  /** Defaults to a text channel. */
  type?: ChannelType;
  topic?: string;
  parent?: Ref;
  nsfw?: boolean;
  overwrites?: readonly OverwriteInput[];
}

/** Options of {@link GuildHandle.createRole}. */
export interface RoleOptions {
  name: string;
  permissions?: readonly PermissionName[];
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
}

/** A channel of the emulated guild. */
export class ChannelHandle {
  /** The channel's id. */
  public readonly id: string;
  readonly #world: World;

  /** @internal Created by the emulator's test API. */
  public constructor(world: World, id: string) {
    this.#world = world;
    this.id = id;
  }

  /** The channel in Discord's shape (current state). */
  public get raw(): ChannelRecord {
    return this.#world.channel(this.id);
  }

  /** The channel's name. */
  public get name(): string {
    return this.raw.name ?? '';
  }

  /** The messages in the channel, oldest first (ephemeral ones included, flagged 64). */
  public messages(): APIMessage[] {
    return [...channelMessages(this.#world, this.id)];
  }

  /** Replaces the channel's permission overwrites (CHANNEL_UPDATE). */
  public setOverwrites(overwrites: readonly OverwriteInput[]): void {
    updateChannel(this.#world, this.raw, { permission_overwrites: overwrites.map(toOverwrite) });
  }

  /** Opens a public thread under this channel (THREAD_CREATE). */
  public createThread(name: string): ChannelHandle {
    const guild = this.#world.guild(this.raw.guild_id ?? '');
    return new ChannelHandle(
      this.#world,
      createThread(this.#world, guild, this.raw, name, guild.ownerId).id,
    );
  }

  /** Deletes the channel (CHANNEL_DELETE). */
  public delete(): void {
    deleteChannel(this.#world, this.raw);
  }
}

/** A role of the emulated guild. */
export class RoleHandle {
  /** The role's id. */
  public readonly id: string;
  readonly #world: World;
  readonly #guild: GuildRecord;

  /** @internal Created by the emulator's test API. */
  public constructor(world: World, guild: GuildRecord, id: string) {
    this.#world = world;
    this.#guild = guild;
    this.id = id;
  }

  /** The role in Discord's shape (current state). */
  public get raw(): APIRole {
    const role = this.#guild.roles.get(this.id);
    if (!role) {
      throw new EmulatorError(
        'ZRX_EMULATOR_UNKNOWN_ENTITY',
        `Role ${this.id} no longer exists in guild ${this.#guild.name} (deleted).`,
        'Keep a handle only while the role exists, or create it again with guild.createRole().',
      );
    }
    return role;
  }

  /** Replaces the role's permissions (GUILD_ROLE_UPDATE). */
  public setPermissions(permissions: readonly PermissionName[]): void {
    updateRole(this.#world, this.#guild, this.raw, { permissions });
  }

  /** Moves the role in the hierarchy (higher is more powerful; GUILD_ROLE_UPDATE). */
  public setPosition(position: number): void {
    updateRole(this.#world, this.#guild, this.raw, { position });
  }

  /** Deletes the role (GUILD_ROLE_DELETE). */
  public delete(): void {
    deleteRole(this.#world, this.#guild, this.raw);
  }
}

function toOverwrite(input: OverwriteInput): APIOverwrite {
  return {
    id: idOf(input.target),
    type: input.kind === 'member' ? 1 : 0,
    allow: permissionBits(input.allow ?? []).toString(),
    deny: permissionBits(input.deny ?? []).toString(),
  };
}

/** A guild of the emulator, seen from the test: create channels, roles, members; read commands. */
export class GuildHandle {
  /** The guild's id. */
  public readonly id: string;
  /** The guild's name. */
  public readonly name: string;
  /** The `@everyone` role. */
  public readonly everyone: RoleHandle;
  /** The bot's managed role (Administrator unless `botPermissions` said otherwise). */
  public readonly botRole: RoleHandle;
  readonly #world: World;
  readonly #guild: GuildRecord;

  /** @internal Created by the emulator's test API. */
  public constructor(world: World, guild: GuildRecord) {
    this.#world = world;
    this.#guild = guild;
    this.id = guild.id;
    this.name = guild.name;
    this.everyone = new RoleHandle(world, guild, guild.id);
    this.botRole = new RoleHandle(world, guild, guild.botRoleId);
  }

  /** The owner's user id. */
  public get ownerId(): string {
    return this.#guild.ownerId;
  }

  /** Creates a channel (text unless `type` says otherwise); CHANNEL_CREATE. */
  public createChannel(options: ChannelOptions): ChannelHandle {
    const channel = createChannel(this.#world, this.#guild, {
      name: options.name,
      ...(options.type !== undefined ? { type: options.type } : {}),
      ...(options.topic !== undefined ? { topic: options.topic } : {}),
      ...(options.parent !== undefined ? { parent_id: idOf(options.parent) } : {}),
      ...(options.nsfw !== undefined ? { nsfw: options.nsfw } : {}),
      permission_overwrites: (options.overwrites ?? []).map(toOverwrite),
    });
    return new ChannelHandle(this.#world, channel.id);
  }

  /** Creates a role just above `@everyone`; GUILD_ROLE_CREATE. */
  public createRole(options: RoleOptions): RoleHandle {
    const role = createRole(this.#world, this.#guild, {
      name: options.name,
      permissions: options.permissions ?? [],
      ...(options.color !== undefined ? { color: options.color } : {}),
      ...(options.hoist !== undefined ? { hoist: options.hoist } : {}),
      ...(options.mentionable !== undefined ? { mentionable: options.mentionable } : {}),
    });
    return new RoleHandle(this.#world, this.#guild, role.id);
  }

  /** Adds a user as a member, with roles; GUILD_MEMBER_ADD. */
  public addMember(user: Ref, options: { roles?: readonly Ref[]; nick?: string } = {}): void {
    this.#world.user(idOf(user));
    addMember(
      this.#world,
      this.#guild,
      idOf(user),
      (options.roles ?? []).map(idOf),
      options.nick ?? null,
    );
  }

  /** Gives a member more roles; GUILD_MEMBER_UPDATE. */
  public addRoles(user: Ref, roles: readonly Ref[]): void {
    const member = this.#guild.members.get(idOf(user));
    if (!member) {
      throw new EmulatorError(
        'ZRX_EMULATOR_UNKNOWN_ENTITY',
        `User ${idOf(user)} is not a member of guild ${this.name}.`,
        'Add the user first with guild.addMember(user).',
      );
    }
    member.roles = [...new Set([...member.roles, ...roles.map(idOf)])];
    memberUpdated(this.#world, this.#guild, member);
  }

  /** Removes a member (as if they left); GUILD_MEMBER_REMOVE. */
  public removeMember(user: Ref): void {
    removeMember(this.#world, this.#guild, idOf(user));
  }

  /** A member in Discord's shape, or undefined. */
  public member(user: Ref): APIGuildMember | undefined {
    const member = this.#guild.members.get(idOf(user));
    return member ? serializeMember(member, this.#world.user(member.userId)) : undefined;
  }

  /** User ids banned from the guild, with reasons. */
  public bans(): { userId: string; reason: string | null }[] {
    return [...this.#guild.bans].map(([userId, ban]) => ({ userId, reason: ban.reason }));
  }

  /** The guild's channels, by position. */
  public channels(): ChannelHandle[] {
    return this.#world
      .guildChannels(this.#guild)
      .map((channel) => new ChannelHandle(this.#world, channel.id));
  }

  /** The roles, by position. */
  public roles(): APIRole[] {
    return [...this.#guild.roles.values()].sort((a, b) => a.position - b.position);
  }

  /** The application commands the bot registered in this guild. */
  public commands(): APIApplicationCommand[] {
    return [...this.#guild.commands.values()];
  }

  /** Adds a custom emoji (GUILD_EMOJIS_UPDATE); use it in messages as `<:name:id>`. */
  public createEmoji(
    name: string,
    options: { animated?: boolean } = {},
  ): APIEmoji & { id: string } {
    return createEmoji(this.#world, this.#guild, name, options.animated ?? false);
  }

  /** Connects a member to a voice channel, or moves them there (VOICE_STATE_UPDATE). */
  public joinVoice(user: Ref, channel: Ref): void {
    requireVoiceChannel(this.#world, this.#guild, idOf(channel));
    setVoiceChannel(this.#world, this.#guild, idOf(user), idOf(channel));
  }

  /** Disconnects a member from voice (VOICE_STATE_UPDATE with no channel). */
  public leaveVoice(user: Ref): void {
    setVoiceChannel(this.#world, this.#guild, idOf(user), null);
  }

  /** The voice channel a member is connected to, or null. */
  public voiceChannelOf(user: Ref): string | null {
    return voiceChannelOf(this.#guild, idOf(user));
  }

  /** Kicks the bot from the guild (GUILD_DELETE). */
  public removeBot(): void {
    removeBot(this.#world, this.#guild);
  }
}
