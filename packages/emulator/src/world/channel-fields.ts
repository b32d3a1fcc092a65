import { ChannelType } from 'discord-api-types/v10';
import { invalidFormBody, type ValidationErrors } from '../rest/discord-error.js';
import type { World } from './world.js';

/** A forum or media channel's tag as the REST API takes it (no `id` for a new tag). */
export interface ForumTagInput {
  id?: string;
  name: string;
  moderated?: boolean;
  emoji_id?: string | null;
  emoji_name?: string | null;
}

const TEXT = [ChannelType.GuildText, ChannelType.GuildAnnouncement];
const VOICE = [ChannelType.GuildVoice, ChannelType.GuildStageVoice];
const FORUM = [ChannelType.GuildForum, ChannelType.GuildMedia];

/** Which type-specific fields each channel type keeps; Discord ignores the others. */
const FIELDS_BY_TYPE: Record<string, readonly ChannelType[]> = {
  topic: [...TEXT, ...FORUM],
  nsfw: [...TEXT, ...VOICE, ...FORUM],
  rate_limit_per_user: [...TEXT, ...VOICE, ...FORUM],
  bitrate: VOICE,
  user_limit: VOICE,
  rtc_region: VOICE,
  video_quality_mode: VOICE,
  default_auto_archive_duration: [...TEXT, ...FORUM],
  default_thread_rate_limit_per_user: [...TEXT, ...FORUM],
  available_tags: FORUM,
  default_reaction_emoji: FORUM,
  default_sort_order: FORUM,
  default_forum_layout: [ChannelType.GuildForum],
};

/** Inclusive ranges Discord checks (for an unboosted guild: bitrate up to 96 kbps). */
function rangeOf(field: string, type: ChannelType): [number, number] | undefined {
  switch (field) {
    case 'bitrate':
      return [8_000, 96_000];
    case 'user_limit':
      return type === ChannelType.GuildStageVoice ? [0, 10_000] : [0, 99];
    case 'rate_limit_per_user':
    case 'default_thread_rate_limit_per_user':
      return [0, 21_600];
    case 'video_quality_mode':
      return [1, 2];
    case 'default_sort_order':
      return [0, 1];
    case 'default_forum_layout':
      return [0, 2];
    default:
      return undefined;
  }
}

const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];

function error(code: string, message: string): ValidationErrors[string] {
  return { _errors: [{ code, message }] };
}

/**
 * The validated type-specific fields of a channel create or modify, for a channel of `type`:
 * fields the type does not have are dropped (as Discord ignores them), out-of-range values
 * answer 50035 listing every bad field, and new forum tags get ids.
 */
export function channelFields(
  world: World,
  type: ChannelType,
  input: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const errors: ValidationErrors = {};
  const fields: Record<string, unknown> = {};
  for (const [field, types] of Object.entries(FIELDS_BY_TYPE)) {
    const value = input[field];
    if (value === undefined || !types.includes(type)) continue;
    const range = rangeOf(field, type);
    if (range && value !== null) {
      if (typeof value !== 'number' || value < range[0] || value > range[1]) {
        errors[field] = error('NUMBER_TYPE_MAX', `Must be between ${range[0]} and ${range[1]}.`);
        continue;
      }
    }
    if (field === 'topic' && value !== null) {
      const max = FORUM.includes(type) ? 4096 : 1024;
      if (typeof value !== 'string' || value.length > max) {
        errors.topic = error('BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
        continue;
      }
    }
    if (field === 'default_auto_archive_duration' && !ARCHIVE_DURATIONS.includes(Number(value))) {
      errors[field] = error('BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
      continue;
    }
    if (field === 'available_tags') {
      const tags = forumTags(world, value, errors);
      if (tags) fields.available_tags = tags;
      continue;
    }
    fields[field] = value;
  }
  if (Object.keys(errors).length > 0) throw invalidFormBody(errors);
  return fields;
}

function forumTags(world: World, value: unknown, errors: ValidationErrors) {
  if (!Array.isArray(value) || value.length > 20) {
    errors.available_tags = error('BASE_TYPE_MAX_LENGTH', 'Must be 20 or fewer in length.');
    return undefined;
  }
  const tags = [];
  for (const tag of value as ForumTagInput[]) {
    if (typeof tag?.name !== 'string' || tag.name.length < 1 || tag.name.length > 20) {
      errors.available_tags = error('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 20 in length.');
      return undefined;
    }
    tags.push({
      id: tag.id ?? world.ids.next(),
      name: tag.name,
      moderated: tag.moderated ?? false,
      emoji_id: tag.emoji_id ?? null,
      emoji_name: tag.emoji_name ?? null,
    });
  }
  return tags;
}

/** `input` with its type-specific fields replaced by their validated values ({@link channelFields}). */
export function withChannelFields<T extends object>(world: World, type: ChannelType, input: T): T {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(key in FIELDS_BY_TYPE)) rest[key] = value;
  }
  return { ...rest, ...channelFields(world, type, input as Record<string, unknown>) } as T;
}
