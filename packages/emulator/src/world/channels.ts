import { type APIOverwrite, ChannelType } from 'discord-api-types/v10';
import type { ChannelRecord, GuildRecord } from '../state/records.js';
import { channelFields, type ForumTagInput } from './channel-fields.js';
import { disconnectChannel } from './voice-states.js';
import type { World } from './world.js';

/** The fields a channel may be created or modified with (Discord's REST names). */
export interface ChannelInput {
  name?: string;
  type?: ChannelType;
  topic?: string | null;
  position?: number;
  parent_id?: string | null;
  nsfw?: boolean;
  rate_limit_per_user?: number;
  bitrate?: number;
  user_limit?: number;
  permission_overwrites?: APIOverwrite[];
  rtc_region?: string | null;
  video_quality_mode?: number;
  default_auto_archive_duration?: number;
  default_thread_rate_limit_per_user?: number;
  available_tags?: ForumTagInput[];
  default_reaction_emoji?: { emoji_id: string | null; emoji_name: string | null } | null;
  default_sort_order?: number | null;
  default_forum_layout?: number;
}

function defaultsFor(type: ChannelType): Record<string, unknown> {
  switch (type) {
    case ChannelType.GuildVoice:
    case ChannelType.GuildStageVoice:
      return {
        bitrate: 64_000,
        user_limit: 0,
        rtc_region: null,
        rate_limit_per_user: 0,
        nsfw: false,
      };
    case ChannelType.GuildCategory:
      return {};
    case ChannelType.GuildForum:
    case ChannelType.GuildMedia:
      return {
        topic: null,
        nsfw: false,
        rate_limit_per_user: 0,
        available_tags: [],
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: 0,
        default_thread_rate_limit_per_user: 0,
      };
    default:
      return { topic: null, nsfw: false, rate_limit_per_user: 0, last_message_id: null };
  }
}

/** Creates a guild channel (text by default) and dispatches CHANNEL_CREATE. */
export function createChannel(
  world: World,
  guild: GuildRecord,
  input: ChannelInput,
): ChannelRecord {
  const type = input.type ?? ChannelType.GuildText;
  const siblings = world.guildChannels(guild);
  const channel = {
    id: world.ids.next(),
    type,
    guild_id: guild.id,
    name: input.name ?? 'channel',
    position: input.position ?? siblings.length,
    parent_id: input.parent_id ?? null,
    permission_overwrites: input.permission_overwrites ?? [],
    flags: 0,
    ...defaultsFor(type),
    // Every type-specific field the type has (bitrate, user limit, forum tags…), validated.
    ...channelFields(world, type, input as Record<string, unknown>),
  } as unknown as ChannelRecord;
  world.records.channels.set(channel.id, channel);
  guild.channelIds.add(channel.id);
  world.dispatch('CHANNEL_CREATE', channel, guild.id);
  world.notifyChange();
  return channel;
}

/** Creates a public thread under a text channel and dispatches THREAD_CREATE. */
export function createThread(
  world: World,
  guild: GuildRecord,
  parent: ChannelRecord,
  name: string,
  ownerId: string,
  id = world.ids.next(),
): ChannelRecord {
  const thread = {
    id,
    type: ChannelType.PublicThread,
    guild_id: guild.id,
    name,
    parent_id: parent.id,
    owner_id: ownerId,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
  } as unknown as ChannelRecord;
  world.records.channels.set(thread.id, thread);
  guild.channelIds.add(thread.id);
  world.dispatch('THREAD_CREATE', { ...thread, newly_created: true }, guild.id);
  world.notifyChange();
  return thread;
}

/** Applies a modification and dispatches CHANNEL_UPDATE. */
export function updateChannel(
  world: World,
  channel: ChannelRecord,
  input: ChannelInput,
): ChannelRecord {
  const target = channel as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined && key !== 'type') target[key] = value;
  }
  const isThread = channel.type >= 10 && channel.type <= 12;
  world.dispatch(isThread ? 'THREAD_UPDATE' : 'CHANNEL_UPDATE', channel, channel.guild_id);
  world.notifyChange();
  return channel;
}

/** Deletes a channel with its messages and dispatches CHANNEL_DELETE. */
export function deleteChannel(world: World, channel: ChannelRecord): void {
  world.records.channels.delete(channel.id);
  for (const message of world.records.messages.get(channel.id) ?? []) {
    world.records.messageIndex.delete(message.id);
  }
  world.records.messages.delete(channel.id);
  const guild = world.guildOf(channel);
  guild?.channelIds.delete(channel.id);
  if (guild) disconnectChannel(world, guild, channel.id);
  const isThread = channel.type >= 10 && channel.type <= 12;
  world.dispatch(isThread ? 'THREAD_DELETE' : 'CHANNEL_DELETE', channel, channel.guild_id);
  world.notifyChange();
}

/** Opens (or reuses) the DM channel between the bot and a user. */
export function dmChannel(world: World, userId: string): ChannelRecord {
  for (const channel of world.records.channels.values()) {
    const recipients = (channel as { recipients?: { id: string }[] }).recipients;
    if (channel.type === ChannelType.DM && recipients?.some((user) => user.id === userId)) {
      return channel;
    }
  }
  const channel = {
    id: world.ids.next(),
    type: ChannelType.DM,
    last_message_id: null,
    flags: 0,
    recipients: [world.user(userId)],
  } as unknown as ChannelRecord;
  world.records.channels.set(channel.id, channel);
  return channel;
}
