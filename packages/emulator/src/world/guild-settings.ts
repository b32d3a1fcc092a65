import { ChannelType } from 'discord-api-types/v10';
import { invalidFormBody, type ValidationErrors } from '../rest/discord-error.js';
import type { GuildRecord } from '../state/records.js';
import { imageField } from './images.js';
import type { World } from './world.js';

/** The server settings Discord keeps per guild (REST names), beyond its name. */
export interface GuildSettingsRecord {
  icon: string | null;
  banner: string | null;
  description: string | null;
  verification_level: number;
  default_message_notifications: number;
  explicit_content_filter: number;
  afk_channel_id: string | null;
  afk_timeout: number;
  system_channel_id: string | null;
  system_channel_flags: number;
  rules_channel_id: string | null;
  public_updates_channel_id: string | null;
  safety_alerts_channel_id: string | null;
  preferred_locale: string;
  premium_progress_bar_enabled: boolean;
}

// Beside the guild records (not in them), so the settings stay one concern of this module.
const settings = new WeakMap<GuildRecord, GuildSettingsRecord>();

/** A guild's settings (Discord's defaults for a new guild until changed). */
export function guildSettings(guild: GuildRecord): GuildSettingsRecord {
  let record = settings.get(guild);
  if (!record) {
    record = {
      icon: null,
      banner: null,
      description: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      afk_channel_id: null,
      afk_timeout: 300,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      preferred_locale: 'en-US',
      premium_progress_bar_enabled: false,
    };
    settings.set(guild, record);
  }
  return record;
}

const CHOICES: Record<string, readonly number[]> = {
  verification_level: [0, 1, 2, 3, 4],
  default_message_notifications: [0, 1],
  explicit_content_filter: [0, 1, 2],
  afk_timeout: [60, 300, 900, 1800, 3600],
};

/** The channel types each channel setting accepts (Discord refuses others with 50035). */
const CHANNEL_FIELDS: Record<string, readonly ChannelType[]> = {
  afk_channel_id: [ChannelType.GuildVoice, ChannelType.GuildStageVoice],
  system_channel_id: [ChannelType.GuildText],
  rules_channel_id: [ChannelType.GuildText],
  public_updates_channel_id: [ChannelType.GuildText],
  safety_alerts_channel_id: [ChannelType.GuildText],
};

/** Discord's locales (the ones a guild's `preferred_locale` accepts). */
const LOCALES = new Set(
  'id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el bg ru uk hi th zh-CN ja zh-TW ko'.split(
    ' ',
  ),
);

function fieldError(code: string, message: string): ValidationErrors[string] {
  return { _errors: [{ code, message }] };
}

/**
 * Validates and applies `PATCH /guilds/:id` fields other than `name`, all or nothing: one
 * invalid field answers 50035 with every invalid field listed, as Discord does.
 */
export function applyGuildSettings(world: World, guild: GuildRecord, body: object): void {
  const input = body as Record<string, unknown>;
  const errors: ValidationErrors = {};
  const next: GuildSettingsRecord = { ...guildSettings(guild) };
  for (const [field, choices] of Object.entries(CHOICES)) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !choices.includes(value)) {
      errors[field] = fieldError(
        'BASE_TYPE_CHOICES',
        `Value must be one of {${choices.join(', ')}}.`,
      );
    } else (next as unknown as Record<string, number>)[field] = value;
  }
  for (const [field, types] of Object.entries(CHANNEL_FIELDS)) {
    const value = input[field];
    if (value === undefined) continue;
    if (value === null) {
      (next as unknown as Record<string, string | null>)[field] = null;
      continue;
    }
    const channel = typeof value === 'string' ? world.records.channels.get(value) : undefined;
    if (!channel || channel.guild_id !== guild.id || !types.includes(channel.type)) {
      errors[field] = fieldError('CHANNEL_TYPE_INVALID', 'Invalid channel type or unknown channel');
    } else (next as unknown as Record<string, string | null>)[field] = channel.id;
  }
  const locale = input.preferred_locale;
  if (locale !== undefined) {
    if (typeof locale === 'string' && LOCALES.has(locale)) next.preferred_locale = locale;
    else errors.preferred_locale = fieldError('LOCALE_INVALID', 'Invalid locale');
  }
  if (typeof input.system_channel_flags === 'number') {
    next.system_channel_flags = input.system_channel_flags;
  }
  if (typeof input.premium_progress_bar_enabled === 'boolean') {
    next.premium_progress_bar_enabled = input.premium_progress_bar_enabled;
  }
  if (input.description !== undefined) {
    next.description = typeof input.description === 'string' ? input.description : null;
  }
  if (Object.keys(errors).length > 0) throw invalidFormBody(errors);
  // Images last: a bad image is its own 50035, after the cheap checks passed.
  if (input.icon !== undefined) next.icon = imageField(world, 'icon', input.icon);
  if (input.banner !== undefined) next.banner = imageField(world, 'banner', input.banner);
  settings.set(guild, next);
}
