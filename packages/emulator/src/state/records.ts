import type {
  APIApplicationCommand,
  APIChannel,
  APIEmoji,
  APIMessage,
  APIOverwrite,
  APIRole,
  APISticker,
  APIUser,
  ChannelType,
} from 'discord-api-types/v10';

/** A message as stored: Discord's shape plus `guild_id`, which gateway payloads carry. */
export type StoredMessage = APIMessage & { guild_id?: string };

/** A guild as the emulator keeps it: plain data, serialised to Discord's shapes on the way out. */
export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  roles: Map<string, APIRole>;
  channelIds: Set<string>;
  members: Map<string, MemberRecord>;
  bans: Map<string, { reason: string | null }>;
  commands: Map<string, APIApplicationCommand>;
  emojis: APIEmoji[];
  stickers: APISticker[];
  /** The id of the bot's managed role (Discord's integration role for the bot). */
  botRoleId: string;
  /** Whether the bot is currently in the guild (false after it was kicked or left). */
  botJoined: boolean;
}

/** A guild member: the user id plus the per-guild data Discord keeps. */
export interface MemberRecord {
  userId: string;
  nick: string | null;
  roles: string[];
  joinedAt: string;
  communicationDisabledUntil: string | null;
  deaf: boolean;
  mute: boolean;
}

/** A channel of any type (guild or DM), stored in Discord's own shape. */
export type ChannelRecord = APIChannel & {
  type: ChannelType;
  guild_id?: string;
  name?: string | null;
  position?: number;
  parent_id?: string | null;
  permission_overwrites?: APIOverwrite[];
  last_message_id?: string | null;
};

/** The in-memory world: every entity the emulator knows, by id. */
export interface WorldRecords {
  users: Map<string, APIUser>;
  guilds: Map<string, GuildRecord>;
  channels: Map<string, ChannelRecord>;
  /** Messages per channel, oldest first. */
  messages: Map<string, StoredMessage[]>;
  messageIndex: Map<string, StoredMessage>;
  globalCommands: Map<string, APIApplicationCommand>;
}
