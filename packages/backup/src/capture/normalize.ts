import type {
  APIGuild,
  APIGuildChannel,
  APIOverwrite,
  APIRole,
  APISticker,
  GuildChannelType,
} from 'discord.js';
import type {
  SnapshotChannel,
  SnapshotEmoji,
  SnapshotRole,
  SnapshotSettings,
  SnapshotSticker,
} from '../snapshot/schema.js';

/** The channel types a snapshot keeps (threads and DMs are not configuration). */
export const RESTORABLE_CHANNEL_TYPES: ReadonlySet<number> = new Set([0, 2, 4, 5, 13, 15, 16]);

type LooseChannel = APIGuildChannel<GuildChannelType> & Record<string, unknown>;

const numOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A Discord overwrite in the snapshot's shape. */
export function toOverwrite(overwrite: APIOverwrite) {
  return {
    id: overwrite.id,
    type: overwrite.type === 1 ? ('member' as const) : ('role' as const),
    allow: String(overwrite.allow),
    deny: String(overwrite.deny),
  };
}

/** A Discord role in the snapshot's shape (`icon` is filled in once the image is downloaded). */
export function toRole(role: APIRole): SnapshotRole {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    hoist: role.hoist,
    mentionable: role.mentionable,
    permissions: String(role.permissions),
    position: role.position,
    icon: null,
    unicode_emoji: role.unicode_emoji ?? null,
    managed: role.managed,
  };
}

/** A Discord guild channel in the snapshot's shape; every type-specific field, null when absent. */
export function toChannel(raw: APIGuildChannel<GuildChannelType>): SnapshotChannel {
  const channel = raw as LooseChannel;
  const tags = Array.isArray(channel.available_tags) ? channel.available_tags : [];
  const reaction = channel.default_reaction_emoji as
    | { emoji_id: string | null; emoji_name: string | null }
    | null
    | undefined;
  return {
    id: channel.id,
    type: channel.type as SnapshotChannel['type'],
    name: channel.name ?? '',
    position: numOrNull(channel.position) ?? 0,
    parent_id: channel.parent_id ?? null,
    topic: strOrNull(channel.topic),
    nsfw: channel.nsfw === true,
    rate_limit_per_user: numOrNull(channel.rate_limit_per_user),
    bitrate: numOrNull(channel.bitrate),
    user_limit: numOrNull(channel.user_limit),
    rtc_region: strOrNull(channel.rtc_region),
    video_quality_mode: numOrNull(channel.video_quality_mode),
    default_auto_archive_duration: numOrNull(channel.default_auto_archive_duration),
    default_thread_rate_limit_per_user: numOrNull(channel.default_thread_rate_limit_per_user),
    available_tags: tags.map((tag: Record<string, unknown>) => ({
      id: String(tag.id),
      name: String(tag.name),
      moderated: tag.moderated === true,
      emoji_id: strOrNull(tag.emoji_id),
      emoji_name: strOrNull(tag.emoji_name),
    })),
    default_reaction_emoji: reaction
      ? { emoji_id: reaction.emoji_id ?? null, emoji_name: reaction.emoji_name ?? null }
      : null,
    default_sort_order: numOrNull(channel.default_sort_order),
    default_forum_layout: numOrNull(channel.default_forum_layout),
    overwrites: (channel.permission_overwrites ?? []).map(toOverwrite),
  };
}

/** The guild's server settings in the snapshot's shape (images filled in after download). */
export function toSettings(guild: APIGuild): SnapshotSettings {
  return {
    name: guild.name,
    icon: null,
    banner: null,
    description: guild.description ?? null,
    verification_level: guild.verification_level,
    default_message_notifications: guild.default_message_notifications,
    explicit_content_filter: guild.explicit_content_filter,
    afk_channel_id: guild.afk_channel_id,
    afk_timeout: guild.afk_timeout,
    system_channel_id: guild.system_channel_id,
    system_channel_flags: Number(guild.system_channel_flags),
    rules_channel_id: guild.rules_channel_id,
    public_updates_channel_id: guild.public_updates_channel_id,
    safety_alerts_channel_id: guild.safety_alerts_channel_id ?? null,
    preferred_locale: String(guild.preferred_locale),
    premium_progress_bar_enabled: guild.premium_progress_bar_enabled,
  };
}

/** A custom emoji in the snapshot's shape. */
export function toEmoji(emoji: APIGuild['emojis'][number]): SnapshotEmoji | null {
  if (!emoji.id || emoji.managed) return null;
  return {
    id: emoji.id,
    name: emoji.name ?? '',
    animated: emoji.animated ?? false,
    roles: [...(emoji.roles ?? [])],
    image: null,
  };
}

/** A guild sticker in the snapshot's shape. */
export function toSticker(sticker: APISticker): SnapshotSticker {
  return {
    id: sticker.id,
    name: sticker.name,
    description: sticker.description,
    tags: sticker.tags,
    format_type: sticker.format_type,
    image: null,
  };
}
