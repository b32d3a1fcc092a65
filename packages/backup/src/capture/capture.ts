import {
  type APIBan,
  type APIGuild,
  type APIGuildChannel,
  type APIGuildMember,
  type Client,
  DiscordAPIError,
  type GuildChannelType,
  HTTPError,
  Routes,
} from 'discord.js';
import type { AssetData } from '../snapshot/migrations.js';
import {
  COMPONENTS,
  type Component,
  type JsonValue,
  SNAPSHOT_VERSION,
  type Snapshot,
} from '../snapshot/schema.js';
import { AssetCollector } from './assets.js';
import {
  RESTORABLE_CHANNEL_TYPES,
  toChannel,
  toEmoji,
  toRole,
  toSettings,
  toSticker,
} from './normalize.js';

/** Where a capture reads what is not on Discord. */
export interface CaptureSources {
  /** The discord.js client whose REST queue (and CDN routes) the capture uses. */
  readonly client: Client;
  /** The framework's settings of the guild (prefix, mention prefix, command roles). */
  framework(guildId: string): Promise<Snapshot['framework']>;
  /** Every extension's per-guild data, from the `backup` hook. */
  extensions(guildId: string): Promise<Record<string, JsonValue>>;
}

/** Options of {@link captureGuild}. */
export interface CaptureOptions {
  /** Also capture member roles and nicknames (off by default: personal data). */
  members?: boolean;
  /** Download images (default true). */
  images?: boolean;
  /**
   * Download emoji and sticker images too (default true). A live capture for a plan leaves them
   * out: an emoji's image never changes on Discord, emojis are compared by name and roles.
   */
  expressionImages?: boolean;
  /** Read the framework's settings and extension data (off for a live comparison). */
  local?: boolean;
}

/** A capture: the snapshot and the images it refers to. */
export interface Capture {
  readonly snapshot: Snapshot;
  readonly assets: ReadonlyMap<string, AssetData>;
}

/**
 * Discord answers 403/404 for what the bot may not read (and an emulator without the route 501):
 * recorded as absent.
 */
async function optional<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const status =
      error instanceof DiscordAPIError || error instanceof HTTPError ? error.status : 0;
    if ([403, 404, 501].includes(status)) return fallback;
    throw error;
  }
}

async function allPages<T>(
  fetchPage: (after: string) => Promise<T[]>,
  idOf: (item: T) => string,
): Promise<T[]> {
  const all: T[] = [];
  let after = '0';
  for (;;) {
    const page = await fetchPage(after);
    all.push(...page);
    if (page.length < 1000) return all;
    after = idOf(page[page.length - 1] as T);
  }
}

/**
 * Captures a guild through Discord's REST API (one read per kind of entity, pages of 1,000 for
 * bans and members), downloading each image once. Reads the bot may not make (AutoMod without
 * Manage Guild, webhooks without Manage Webhooks) leave their component empty.
 */
export async function captureGuild(
  sources: CaptureSources,
  guildId: string,
  options: CaptureOptions = {},
): Promise<Capture> {
  const rest = sources.client.rest;
  const images = options.images !== false ? new AssetCollector() : undefined;
  const [guild, channels, bans, automod, webhooks, members, framework, extensions] =
    await Promise.all([
      rest.get(Routes.guild(guildId)) as Promise<APIGuild>,
      rest.get(Routes.guildChannels(guildId)) as Promise<APIGuildChannel<GuildChannelType>[]>,
      optional(
        () =>
          allPages(
            (after) =>
              rest.get(Routes.guildBans(guildId), {
                query: new URLSearchParams({ limit: '1000', after }),
              }) as Promise<APIBan[]>,
            (ban) => ban.user.id,
          ),
        [],
      ),
      optional(
        () =>
          rest.get(Routes.guildAutoModerationRules(guildId)) as Promise<
            Record<string, JsonValue>[]
          >,
        [],
      ),
      optional(
        () =>
          rest.get(Routes.guildWebhooks(guildId)) as Promise<
            { id: string; name: string | null; channel_id: string; type: number }[]
          >,
        [],
      ),
      options.members
        ? allPages(
            (after) =>
              rest.get(Routes.guildMembers(guildId), {
                query: new URLSearchParams({ limit: '1000', after }),
              }) as Promise<APIGuildMember[]>,
            (member) => member.user.id,
          )
        : Promise.resolve([]),
      options.local !== false ? sources.framework(guildId) : Promise.resolve(null),
      options.local !== false ? sources.extensions(guildId) : Promise.resolve({}),
    ]);

  const cdn = rest.cdn;
  const settings = toSettings(guild);
  if (images && guild.icon) images.add(cdn.icon(guildId, guild.icon), (h) => (settings.icon = h));
  if (images && guild.banner) {
    images.add(cdn.banner(guildId, guild.banner), (h) => (settings.banner = h));
  }
  const everyone = guild.roles.find((role) => role.id === guildId);
  const roles = guild.roles
    .filter((role) => role.id !== guildId)
    .map((raw) => {
      const role = toRole(raw);
      if (images && raw.icon) images.add(cdn.roleIcon(raw.id, raw.icon), (h) => (role.icon = h));
      return role;
    });
  const emojis = guild.emojis.flatMap((raw) => {
    const emoji = toEmoji(raw);
    if (!emoji) return [];
    if (images && options.expressionImages !== false) {
      images.add(
        cdn.emoji(emoji.id, { extension: emoji.animated ? 'gif' : 'png' }),
        (h) => (emoji.image = h),
      );
    }
    return [emoji];
  });
  const stickers = (guild.stickers ?? []).map((raw) => {
    const sticker = toSticker(raw);
    if (images && options.expressionImages !== false)
      images.add(cdn.sticker(sticker.id, 'png'), (h) => (sticker.image = h));
    return sticker;
  });
  await images?.settle();

  const snapshot: Snapshot = {
    format: 'zoryx.backup',
    version: SNAPSHOT_VERSION,
    capturedAt: new Date().toISOString(),
    guild: { id: guild.id, name: guild.name, owner_id: guild.owner_id },
    components: COMPONENTS.filter(
      (component: Component) => component !== 'members' || options.members === true,
    ),
    settings,
    everyone: { permissions: String(everyone?.permissions ?? '0') },
    roles,
    channels: channels.filter((c) => RESTORABLE_CHANNEL_TYPES.has(c.type)).map(toChannel),
    emojis,
    stickers,
    bans: bans.map((ban) => ({ user_id: ban.user.id, reason: ban.reason ?? null })),
    automod,
    members: members
      .filter((member) => member.user.bot !== true)
      .map((member) => ({
        user_id: member.user.id,
        nick: member.nick ?? null,
        roles: [...member.roles],
      })),
    webhooks: webhooks.map((hook) => ({
      id: hook.id,
      name: hook.name,
      channel_id: hook.channel_id,
      type: hook.type,
    })),
    framework: framework ?? { prefix: '', mentionPrefix: true, locale: null, commandRoles: [] },
    extensions,
  };
  return { snapshot, assets: images?.assets ?? new Map() };
}
