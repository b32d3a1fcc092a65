import type { AssetData } from '../snapshot/migrations.js';
import type { Snapshot, SnapshotChannel, SnapshotRole } from '../snapshot/schema.js';
import { mappedSettings } from './compare.js';
import type { IdMap } from './id-map.js';

// The REST bodies of restore steps, built from the snapshot through the id map at the moment
// the step runs (so a resumed job uses the ids created before the crash).

/** `data:<type>;base64,<bytes>` of a stored image, or undefined. */
export function dataUri(
  assets: ReadonlyMap<string, AssetData>,
  hash: string | null,
): string | undefined {
  const asset = hash ? assets.get(hash) : undefined;
  return asset ? `data:${asset.contentType};base64,${asset.base64}` : undefined;
}

/** A role's create or edit body; permissions are given last, by their own step. */
export function roleBody(
  role: SnapshotRole,
  assets: ReadonlyMap<string, AssetData>,
  create: boolean,
) {
  const icon = dataUri(assets, role.icon);
  return {
    name: role.name,
    color: role.color,
    hoist: role.hoist,
    mentionable: role.mentionable,
    ...(create ? { permissions: '0' } : {}),
    ...(icon ? { icon } : {}),
    ...(role.unicode_emoji !== null ? { unicode_emoji: role.unicode_emoji } : {}),
  };
}

/**
 * A channel's create or edit body: every field it has, the topic's mentions and the overwrites'
 * targets rewritten through the map. Overwrites of roles that exist nowhere in the target guild
 * (a managed role of the source guild) are left out: Discord would refuse the whole channel.
 */
export function channelBody(
  channel: SnapshotChannel,
  ids: IdMap,
  liveRoleIds: ReadonlySet<string>,
  create: boolean,
) {
  const body: Record<string, unknown> = {
    name: channel.name,
    ...(create ? { type: channel.type, position: channel.position } : {}),
    parent_id: channel.parent_id === null ? null : ids.resolve(channel.parent_id),
    nsfw: channel.nsfw,
    permission_overwrites: channel.overwrites
      .filter((o) => o.type === 'member' || ids.has(o.id) || liveRoleIds.has(o.id))
      .map((o) => ({
        id: ids.resolve(o.id),
        type: o.type === 'member' ? 1 : 0,
        allow: o.allow,
        deny: o.deny,
      })),
  };
  const optional = {
    topic: channel.topic === null ? null : ids.rewriteText(channel.topic),
    rate_limit_per_user: channel.rate_limit_per_user,
    bitrate: channel.bitrate,
    user_limit: channel.user_limit,
    rtc_region: channel.rtc_region,
    video_quality_mode: channel.video_quality_mode,
    default_auto_archive_duration: channel.default_auto_archive_duration,
    default_thread_rate_limit_per_user: channel.default_thread_rate_limit_per_user,
    default_sort_order: channel.default_sort_order,
    default_forum_layout: channel.default_forum_layout,
    default_reaction_emoji: channel.default_reaction_emoji
      ? {
          emoji_id: channel.default_reaction_emoji.emoji_id
            ? (ids.get(channel.default_reaction_emoji.emoji_id) ?? null)
            : null,
          emoji_name: channel.default_reaction_emoji.emoji_name,
        }
      : null,
  };
  for (const [key, value] of Object.entries(optional)) {
    // Null means "the type has no such field" in a capture: sent only to clear a nullable one.
    if (value !== null || (!create && (key === 'topic' || key === 'default_reaction_emoji'))) {
      body[key] = value;
    }
  }
  if (channel.type === 15 || channel.type === 16) {
    body.available_tags = channel.available_tags.map((tag) => ({
      name: tag.name,
      moderated: tag.moderated,
      emoji_id: tag.emoji_id ? (ids.get(tag.emoji_id) ?? null) : null,
      emoji_name: tag.emoji_name,
    }));
  }
  // Custom emojis are restored after channels: an emoji not there yet is set by the
  // `channel.emojis` step once it is (Discord refuses unknown emoji ids).
  const reaction = channel.default_reaction_emoji;
  if (reaction?.emoji_id && !ids.has(reaction.emoji_id)) {
    body.default_reaction_emoji = reaction.emoji_name
      ? { emoji_id: null, emoji_name: reaction.emoji_name }
      : null;
  }
  return body;
}

/** The server settings body (channels mapped, images only when they differ from the live ones). */
export function settingsBody(
  snapshot: Snapshot,
  live: Snapshot['settings'],
  ids: IdMap,
  assets: ReadonlyMap<string, AssetData>,
) {
  const { icon, banner, ...rest } = mappedSettings(snapshot.settings, ids);
  const iconData = icon !== live.icon ? (icon === null ? null : dataUri(assets, icon)) : undefined;
  const bannerData =
    banner !== live.banner ? (banner === null ? null : dataUri(assets, banner)) : undefined;
  return {
    ...rest,
    ...(iconData !== undefined ? { icon: iconData } : {}),
    ...(bannerData !== undefined ? { banner: bannerData } : {}),
  };
}

/** An AutoMod rule's create body: ids of exempt roles/channels and alert channels mapped. */
export function automodBody(rule: Record<string, unknown>, ids: IdMap) {
  const { id: _id, guild_id: _guild, creator_id: _creator, ...rest } = rule;
  return ids.rewriteJson(rest);
}

/** Whether a forum or media channel refers to custom emojis (tags, default reaction). */
export function emojiIdsOf(channel: SnapshotChannel): string[] {
  return [
    ...channel.available_tags.map((tag) => tag.emoji_id),
    channel.default_reaction_emoji?.emoji_id ?? null,
  ].filter((id): id is string => id !== null);
}
