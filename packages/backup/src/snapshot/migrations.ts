import { BackupError } from '../errors.js';
import { sha256 } from './canonical.js';
import { SNAPSHOT_VERSION, type Snapshot, snapshotSchema } from './schema.js';

/** An image's bytes as stored beside snapshots (base64), keyed by the SHA-256 of the bytes. */
export interface AssetData {
  readonly contentType: string;
  readonly base64: string;
}

/** A snapshot read from storage or a file: validated, migrated, with any images it carried. */
export interface ReadSnapshot {
  readonly snapshot: Snapshot;
  /** Images that came inline (legacy files); stored with the snapshot. */
  readonly assets: ReadonlyMap<string, AssetData>;
  /** The version it was migrated from, or null when it was current. */
  readonly migratedFrom: string | null;
}

type Loose = Record<string, unknown>;

const asArray = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown, fallback: number): number =>
  typeof value === 'number' ? value : fallback;
const id = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : null;

function inlineAsset(assets: Map<string, AssetData>, base64: unknown): string | null {
  if (typeof base64 !== 'string' || base64.length === 0) return null;
  const hash = sha256(Buffer.from(base64, 'base64'));
  assets.set(hash, { contentType: 'image/png', base64 });
  return hash;
}

function legacyChannel(raw: Loose, type: number) {
  return {
    id: id(raw.id) ?? '0',
    type,
    name: str(raw.name) ?? 'channel',
    position: num(raw.position, 0),
    parent_id: id(raw.category_id),
    topic: str(raw.topic),
    nsfw: raw.nsfw === true,
    rate_limit_per_user: typeof raw.slowmode_delay === 'number' ? raw.slowmode_delay : null,
    bitrate: typeof raw.bitrate === 'number' ? raw.bitrate : null,
    user_limit: typeof raw.user_limit === 'number' ? raw.user_limit : null,
    rtc_region: str(raw.rtc_region),
    video_quality_mode: null,
    default_auto_archive_duration:
      typeof raw.default_auto_archive_duration === 'number'
        ? raw.default_auto_archive_duration
        : null,
    default_thread_rate_limit_per_user: null,
    available_tags: [],
    default_reaction_emoji: null,
    default_sort_order: null,
    default_forum_layout: null,
    overwrites: asArray(raw.overwrites).map((o) => ({
      id: id(o.target_id) ?? '0',
      type: o.target_type === 'member' ? ('member' as const) : ('role' as const),
      allow: String(o.allow ?? 0),
      deny: String(o.deny ?? 0),
    })),
  };
}

/**
 * The Python original's layout (`version: "2.2.0"`, backup_restore.py): separate channel lists
 * per type, overwrites as `{target_id, target_type}`, images inline as base64, bot settings
 * as `custom_prefix`/`mention_prefix_enabled`. Everything it has maps onto version 1.
 */
function fromLegacy(raw: Loose, assets: Map<string, AssetData>): unknown {
  const guild = (raw.guild ?? {}) as Loose;
  const settings = (raw.server_settings ?? {}) as Loose;
  const bot = (raw.bot_settings ?? {}) as Loose;
  const channels = [
    ...asArray(raw.categories).map((c) => legacyChannel(c, 4)),
    ...asArray(raw.text_channels).map((c) => legacyChannel(c, 0)),
    ...asArray(raw.voice_channels).map((c) => legacyChannel(c, 2)),
    ...asArray(raw.forum_channels).map((c) => legacyChannel(c, 15)),
    ...asArray(raw.stage_channels).map((c) => legacyChannel(c, 13)),
  ];
  return {
    format: 'zoryx.backup',
    version: SNAPSHOT_VERSION,
    capturedAt: str(raw.captured_at) ?? new Date(0).toISOString(),
    guild: {
      id: id(guild.id) ?? '0',
      name: str(guild.name) ?? '',
      owner_id: id(guild.owner_id) ?? '0',
    },
    components: ['roles', 'channels', 'settings', 'emojis', 'stickers', 'members', 'framework'],
    settings: {
      name: str(guild.name) ?? '',
      icon: inlineAsset(assets, guild.icon_b64),
      banner: inlineAsset(assets, guild.banner_b64),
      description: null,
      verification_level: num(settings.verification_level, 0),
      default_message_notifications: num(settings.default_notifications, 0),
      explicit_content_filter: num(settings.explicit_content_filter, 0),
      afk_channel_id: id(settings.afk_channel_id),
      afk_timeout: num(settings.afk_timeout, 300),
      system_channel_id: id(settings.system_channel_id),
      system_channel_flags: 0,
      rules_channel_id: id(settings.rules_channel_id),
      public_updates_channel_id: id(settings.public_updates_channel_id),
      safety_alerts_channel_id: null,
      preferred_locale: str(settings.preferred_locale) ?? 'en-US',
      premium_progress_bar_enabled: settings.premium_progress_bar_enabled === true,
    },
    // The original never captured @everyone; its permissions are left as they are.
    everyone: { permissions: '0' },
    roles: asArray(raw.roles).map((r) => ({
      id: id(r.id) ?? '0',
      name: str(r.name) ?? 'role',
      color: num(r.color, 0),
      hoist: r.hoist === true,
      mentionable: r.mentionable === true,
      permissions: String(r.permissions_value ?? 0),
      position: num(r.position, 1),
      icon: null,
      unicode_emoji: null,
      managed: false,
    })),
    channels,
    emojis: asArray(raw.emojis)
      .filter((e) => e.managed !== true)
      .map((e) => ({
        id: id(e.id) ?? '0',
        name: str(e.name) ?? 'emoji',
        animated: e.animated === true,
        roles: [],
        image: inlineAsset(assets, e.image_b64),
      })),
    stickers: asArray(raw.stickers).map((s) => ({
      id: id(s.id) ?? '0',
      name: str(s.name) ?? 'sticker',
      description: str(s.description),
      tags: str(s.emoji) ?? '⭐',
      format_type: 1,
      image: inlineAsset(assets, s.image_b64),
    })),
    bans: [],
    automod: [],
    members: asArray(raw.member_roles).map((m) => ({
      user_id: id(m.user_id) ?? '0',
      nick: null,
      roles: asArray(m.role_ids).map((r) => String(r)),
    })),
    webhooks: [],
    framework: {
      prefix: str(bot.custom_prefix) ?? '!',
      mentionPrefix: bot.mention_prefix_enabled !== false,
      locale: null,
      commandRoles: [],
    },
    extensions: {},
  };
}

/**
 * Reads a snapshot of any known version: the current one is validated as is, the Python
 * original's `2.2.0` layout is migrated first. Throws `ZRX_BACKUP_INVALID` with the first
 * problems when the result does not match the schema.
 */
export function readSnapshot(raw: unknown): ReadSnapshot {
  const assets = new Map<string, AssetData>();
  let migratedFrom: string | null = null;
  let value = raw;
  if (raw && typeof raw === 'object' && (raw as Loose).version === '2.2.0') {
    migratedFrom = '2.2.0';
    value = fromLegacy(raw as Loose, assets);
  }
  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new BackupError('ZRX_BACKUP_INVALID', `Not a valid snapshot: ${problems.join('; ')}`);
  }
  return { snapshot: parsed.data, assets, migratedFrom };
}
