import type {
  SnapshotChannel,
  SnapshotEmoji,
  SnapshotOverwrite,
  SnapshotRole,
  SnapshotSettings,
  SnapshotSticker,
} from '../snapshot/schema.js';
import { IdMap } from './id-map.js';

/** Live ids read as themselves. */
const IDENTITY = new IdMap();

// Each function lists the fields where a snapshot entity (read through the id map) and the live
// one differ; positions and permissions are compared by their own steps.

function fieldsDiffering<T extends object>(want: T, have: T, keys: readonly (keyof T)[]): string[] {
  return keys.filter((key) => JSON.stringify(want[key]) !== JSON.stringify(have[key])).map(String);
}

/** A role's fields other than position and permissions. */
export function roleDifferences(want: SnapshotRole, have: SnapshotRole): string[] {
  return fieldsDiffering(want, have, [
    'name',
    'color',
    'hoist',
    'mentionable',
    'icon',
    'unicode_emoji',
  ]);
}

/** Overwrites with their targets mapped to live ids, in a stable order. */
export function mappedOverwrites(overwrites: readonly SnapshotOverwrite[], ids: IdMap) {
  return overwrites
    .map((o) => ({ ...o, id: ids.resolve(o.id) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const CHANNEL_FIELDS = [
  'name',
  'topic',
  'nsfw',
  'rate_limit_per_user',
  'bitrate',
  'user_limit',
  'rtc_region',
  'video_quality_mode',
  'default_auto_archive_duration',
  'default_thread_rate_limit_per_user',
  'default_sort_order',
  'default_forum_layout',
] as const;

/** A forum's tags without their ids (Discord gives restored tags new ids). */
function tagShape(channel: SnapshotChannel, ids: IdMap | undefined) {
  return channel.available_tags.map((tag) => ({
    name: tag.name,
    moderated: tag.moderated,
    emoji_id: tag.emoji_id && ids ? ids.resolve(tag.emoji_id) : tag.emoji_id,
    emoji_name: tag.emoji_name,
  }));
}

/**
 * A channel's fields other than its position and parent (topic with mentions rewritten, forum
 * tags and default reaction with emoji ids mapped, overwrites with targets mapped).
 */
export function channelDifferences(
  want: SnapshotChannel,
  have: SnapshotChannel,
  ids: IdMap,
): string[] {
  const mapped = {
    ...want,
    topic: want.topic === null ? null : ids.rewriteText(want.topic),
  };
  const differing = fieldsDiffering(mapped, have, CHANNEL_FIELDS);
  if (JSON.stringify(tagShape(want, ids)) !== JSON.stringify(tagShape(have, undefined))) {
    differing.push('available_tags');
  }
  const reaction = want.default_reaction_emoji;
  const wantReaction = reaction
    ? { ...reaction, emoji_id: reaction.emoji_id ? ids.resolve(reaction.emoji_id) : null }
    : null;
  if (JSON.stringify(wantReaction) !== JSON.stringify(have.default_reaction_emoji)) {
    differing.push('default_reaction_emoji');
  }
  if (
    JSON.stringify(mappedOverwrites(want.overwrites, ids)) !==
    JSON.stringify(mappedOverwrites(have.overwrites, IDENTITY))
  ) {
    differing.push('overwrites');
  }
  return differing;
}

/** An emoji's name and role restrictions (its image cannot change on Discord). */
export function emojiDifferences(want: SnapshotEmoji, have: SnapshotEmoji, ids: IdMap): string[] {
  const roles = want.roles.map((id) => ids.resolve(id)).sort();
  return [
    ...(want.name !== have.name ? ['name'] : []),
    ...(JSON.stringify(roles) !== JSON.stringify([...have.roles].sort()) ? ['roles'] : []),
  ];
}

/** A sticker's name, description and tags. */
export function stickerDifferences(want: SnapshotSticker, have: SnapshotSticker): string[] {
  return fieldsDiffering(want, have, ['name', 'description', 'tags']);
}

const SETTINGS_FIELDS = [
  'name',
  'icon',
  'banner',
  'description',
  'verification_level',
  'default_message_notifications',
  'explicit_content_filter',
  'afk_channel_id',
  'afk_timeout',
  'system_channel_id',
  'system_channel_flags',
  'rules_channel_id',
  'public_updates_channel_id',
  'safety_alerts_channel_id',
  'preferred_locale',
  'premium_progress_bar_enabled',
] as const;

/** The snapshot's settings with channel references mapped to live ids. */
export function mappedSettings(want: SnapshotSettings, ids: IdMap): SnapshotSettings {
  const map = (id: string | null) => (id === null ? null : ids.resolve(id));
  return {
    ...want,
    afk_channel_id: map(want.afk_channel_id),
    system_channel_id: map(want.system_channel_id),
    rules_channel_id: map(want.rules_channel_id),
    public_updates_channel_id: map(want.public_updates_channel_id),
    safety_alerts_channel_id: map(want.safety_alerts_channel_id),
  };
}

/** The server settings that differ (channel settings compared through the id map). */
export function settingsDifferences(
  want: SnapshotSettings,
  have: SnapshotSettings,
  ids: IdMap,
): string[] {
  return fieldsDiffering(mappedSettings(want, ids), have, SETTINGS_FIELDS);
}
