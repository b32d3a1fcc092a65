import { z } from 'zod';

/** The snapshot schema version this package writes; older ones are migrated on read. */
export const SNAPSHOT_VERSION = 1;

/** Any JSON value (extension data is opaque to the backup, but must survive a JSON round trip). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Validates a {@link JsonValue}. */
export const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const snowflake = z.string().regex(/^\d{1,20}$/);
/** An image by the SHA-256 (hex) of its bytes; the bytes are stored once, beside the snapshots. */
const assetRef = z.string().regex(/^[0-9a-f]{64}$/);
/** A permission bitfield as Discord sends it (a decimal string). */
const bitfield = z.string().regex(/^\d+$/);

/** A permission overwrite on a channel: a role's or a member's. */
export const overwriteSchema = z.object({
  id: snowflake,
  type: z.enum(['role', 'member']),
  allow: bitfield,
  deny: bitfield,
});

/** A role (not `@everyone`, whose permissions are in {@link snapshotSchema}'s `everyone`). */
export const roleSchema = z.object({
  id: snowflake,
  name: z.string(),
  color: z.number().int(),
  hoist: z.boolean(),
  mentionable: z.boolean(),
  permissions: bitfield,
  position: z.number().int(),
  icon: assetRef.nullable(),
  unicode_emoji: z.string().nullable(),
  /** Managed roles (bots, boosts, integrations) are captured for the record, never restored. */
  managed: z.boolean(),
});

const forumTagSchema = z.object({
  id: snowflake,
  name: z.string(),
  moderated: z.boolean(),
  emoji_id: snowflake.nullable(),
  emoji_name: z.string().nullable(),
});

/** A guild channel of any restorable type, with its type-specific fields (null when absent). */
export const channelSchema = z.object({
  id: snowflake,
  /** Discord's channel type: 0 text, 2 voice, 4 category, 5 announcement, 13 stage, 15 forum, 16 media. */
  type: z.union([0, 2, 4, 5, 13, 15, 16].map((n) => z.literal(n))),
  name: z.string(),
  position: z.number().int(),
  parent_id: snowflake.nullable(),
  topic: z.string().nullable(),
  nsfw: z.boolean(),
  rate_limit_per_user: z.number().int().nullable(),
  bitrate: z.number().int().nullable(),
  user_limit: z.number().int().nullable(),
  rtc_region: z.string().nullable(),
  video_quality_mode: z.number().int().nullable(),
  default_auto_archive_duration: z.number().int().nullable(),
  default_thread_rate_limit_per_user: z.number().int().nullable(),
  available_tags: z.array(forumTagSchema),
  default_reaction_emoji: z
    .object({ emoji_id: snowflake.nullable(), emoji_name: z.string().nullable() })
    .nullable(),
  default_sort_order: z.number().int().nullable(),
  default_forum_layout: z.number().int().nullable(),
  overwrites: z.array(overwriteSchema),
});

/** A custom emoji with its image. */
export const emojiSchema = z.object({
  id: snowflake,
  name: z.string(),
  animated: z.boolean(),
  roles: z.array(snowflake),
  image: assetRef.nullable(),
});

/** A guild sticker with its image. */
export const stickerSchema = z.object({
  id: snowflake,
  name: z.string(),
  description: z.string().nullable(),
  tags: z.string(),
  format_type: z.number().int(),
  image: assetRef.nullable(),
});

/** The server settings Discord keeps (channel settings refer to captured channel ids). */
export const settingsSchema = z.object({
  name: z.string(),
  icon: assetRef.nullable(),
  banner: assetRef.nullable(),
  description: z.string().nullable(),
  verification_level: z.number().int(),
  default_message_notifications: z.number().int(),
  explicit_content_filter: z.number().int(),
  afk_channel_id: snowflake.nullable(),
  afk_timeout: z.number().int(),
  system_channel_id: snowflake.nullable(),
  system_channel_flags: z.number().int(),
  rules_channel_id: snowflake.nullable(),
  public_updates_channel_id: snowflake.nullable(),
  safety_alerts_channel_id: snowflake.nullable(),
  preferred_locale: z.string(),
  premium_progress_bar_enabled: z.boolean(),
});

/** The bot's own per-guild configuration held by the framework. */
export const frameworkSchema = z.object({
  prefix: z.string(),
  mentionPrefix: z.boolean(),
  locale: z.string().nullable(),
  /** Per-command role grants (`config <command> <role>`), role ids as captured. */
  commandRoles: z.array(z.object({ command: z.string(), role_id: snowflake })),
});

/** The components a backup holds and a restore can be limited to. */
export const COMPONENTS = [
  'roles',
  'channels',
  'settings',
  'emojis',
  'stickers',
  'automod',
  'bans',
  'members',
  'webhooks',
  'framework',
  'extensions',
] as const;

/** One restorable (or, for webhooks, recorded) part of a snapshot. */
export type Component = (typeof COMPONENTS)[number];

/**
 * A guild snapshot (version {@link SNAPSHOT_VERSION}): a superset of Discord's guild template
 * (roles, channels, overwrites, settings) plus images, bans, AutoMod rules, member roles
 * (opt-in), webhook metadata (never tokens), the framework's settings and every extension's
 * own data. Field names are Discord's REST names, so capture and restore map one to one.
 */
export const snapshotSchema = z.object({
  format: z.literal('zoryx.backup'),
  version: z.literal(SNAPSHOT_VERSION),
  capturedAt: z.string(),
  guild: z.object({ id: snowflake, name: z.string(), owner_id: snowflake }),
  components: z.array(z.enum(COMPONENTS)),
  settings: settingsSchema,
  everyone: z.object({ permissions: bitfield }),
  roles: z.array(roleSchema),
  channels: z.array(channelSchema),
  emojis: z.array(emojiSchema),
  stickers: z.array(stickerSchema),
  bans: z.array(z.object({ user_id: snowflake, reason: z.string().nullable() })),
  /** AutoMod rules in Discord's shape (ids inside are rewritten through the id map on restore). */
  automod: z.array(z.record(z.string(), jsonValue)),
  /** Member role assignments and nicknames; empty unless captured with `members: true`. */
  members: z.array(
    z.object({ user_id: snowflake, nick: z.string().nullable(), roles: z.array(snowflake) }),
  ),
  webhooks: z.array(
    z.object({
      id: snowflake,
      name: z.string().nullable(),
      channel_id: snowflake,
      type: z.number(),
    }),
  ),
  framework: frameworkSchema,
  /** Each extension's data by extension name, from its `backup` hook. */
  extensions: z.record(z.string(), jsonValue),
});

/** A validated snapshot. */
export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotRole = z.infer<typeof roleSchema>;
export type SnapshotChannel = z.infer<typeof channelSchema>;
export type SnapshotOverwrite = z.infer<typeof overwriteSchema>;
export type SnapshotEmoji = z.infer<typeof emojiSchema>;
export type SnapshotSticker = z.infer<typeof stickerSchema>;
export type SnapshotSettings = z.infer<typeof settingsSchema>;
