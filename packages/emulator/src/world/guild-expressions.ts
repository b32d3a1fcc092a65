import type { APIEmoji, APISticker } from 'discord-api-types/v10';
import { badRequest, invalidFormBody, unknown } from '../rest/discord-error.js';
import type { GuildRecord } from '../state/records.js';
import { aliasImage, decodeImageData, type StoredImage, storeImage } from './images.js';
import type { World } from './world.js';

/** An unboosted guild's slots: 50 static + 50 animated emojis, 5 stickers (Discord's tier 0). */
export const EMOJI_SLOTS = 50;
export const STICKER_SLOTS = 5;

const EMOJI_NAME = /^[\w]{2,32}$/;

function nameError(field: string, message: string) {
  return invalidFormBody({ [field]: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message }] } });
}

function emojisChanged(world: World, guild: GuildRecord): void {
  world.dispatch('GUILD_EMOJIS_UPDATE', { guild_id: guild.id, emojis: guild.emojis }, guild.id);
  world.notifyChange();
}

function stickersChanged(world: World, guild: GuildRecord): void {
  world.dispatch(
    'GUILD_STICKERS_UPDATE',
    { guild_id: guild.id, stickers: guild.stickers },
    guild.id,
  );
  world.notifyChange();
}

/**
 * `POST /guilds/:id/emojis`: an emoji from image data; 50035 on a bad name or image, 30008 when
 * the guild's slots of that kind (static or animated) are full.
 */
export function uploadEmoji(
  world: World,
  guild: GuildRecord,
  input: { name?: unknown; image?: unknown; roles?: unknown },
): APIEmoji & { id: string } {
  if (typeof input.name !== 'string' || !EMOJI_NAME.test(input.name)) {
    throw nameError('name', 'Must be between 2 and 32 in length and alphanumeric.');
  }
  const image = decodeImageData('image', input.image);
  const animated = image.contentType === 'image/gif';
  if (
    guild.emojis.filter((emoji) => (emoji.animated ?? false) === animated).length >= EMOJI_SLOTS
  ) {
    throw badRequest(30008, `Maximum number of emojis reached (${EMOJI_SLOTS})`);
  }
  const emoji: APIEmoji & { id: string } = {
    id: world.ids.next(),
    name: input.name,
    roles: Array.isArray(input.roles) ? input.roles.map(String) : [],
    require_colons: true,
    managed: false,
    animated,
    available: true,
  };
  aliasImage(world, emoji.id, storeImage(world, image));
  guild.emojis.push(emoji);
  emojisChanged(world, guild);
  return emoji;
}

function findEmoji(guild: GuildRecord, id: string): APIEmoji & { id: string } {
  const emoji = guild.emojis.find((e) => e.id === id);
  if (!emoji?.id) throw unknown('emoji');
  return emoji as APIEmoji & { id: string };
}

/** `PATCH /guilds/:id/emojis/:emoji_id`: name and roles. */
export function editEmoji(
  world: World,
  guild: GuildRecord,
  id: string,
  input: { name?: unknown; roles?: unknown },
): APIEmoji {
  const emoji = findEmoji(guild, id);
  if (input.name !== undefined) {
    if (typeof input.name !== 'string' || !EMOJI_NAME.test(input.name)) {
      throw nameError('name', 'Must be between 2 and 32 in length and alphanumeric.');
    }
    emoji.name = input.name;
  }
  if (Array.isArray(input.roles)) emoji.roles = input.roles.map(String);
  emojisChanged(world, guild);
  return emoji;
}

/** `DELETE /guilds/:id/emojis/:emoji_id`. */
export function removeEmoji(world: World, guild: GuildRecord, id: string): void {
  const emoji = findEmoji(guild, id);
  guild.emojis = guild.emojis.filter((e) => e !== emoji);
  emojisChanged(world, guild);
}

/** What a sticker upload carries (multipart form fields and the file). */
export interface StickerUpload {
  name?: unknown;
  description?: unknown;
  tags?: unknown;
  file: StoredImage | undefined;
}

/** `POST /guilds/:id/stickers`: 50035 on bad fields, 30039 when the sticker slots are full. */
export function uploadSticker(world: World, guild: GuildRecord, input: StickerUpload): APISticker {
  const errors: Record<string, { _errors: { code: string; message: string }[] }> = {};
  const bad = (field: string, message: string) => {
    errors[field] = { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message }] };
  };
  const name = input.name;
  if (typeof name !== 'string' || name.length < 2 || name.length > 30) {
    bad('name', 'Must be between 2 and 30 in length.');
  }
  const description = typeof input.description === 'string' ? input.description : '';
  if (description.length === 1 || description.length > 100) {
    bad('description', 'Must be between 2 and 100 in length.');
  }
  const tags = input.tags;
  if (typeof tags !== 'string' || tags.length < 1 || tags.length > 200) {
    bad('tags', 'Must be between 1 and 200 in length.');
  }
  if (!input.file)
    errors.file = { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] };
  if (Object.keys(errors).length > 0) throw invalidFormBody(errors);
  if (guild.stickers.length >= STICKER_SLOTS) {
    throw badRequest(30039, `Maximum number of stickers reached (${STICKER_SLOTS})`);
  }
  const sticker = {
    id: world.ids.next(),
    name: name as string,
    description: description || null,
    tags: tags as string,
    type: 2,
    format_type: input.file?.contentType === 'image/gif' ? 4 : 1,
    available: true,
    guild_id: guild.id,
  } as APISticker;
  if (input.file) aliasImage(world, sticker.id, storeImage(world, input.file));
  guild.stickers.push(sticker);
  stickersChanged(world, guild);
  return sticker;
}

/** A guild's sticker, or 404 Unknown Sticker (10060). */
export function findSticker(guild: GuildRecord, id: string): APISticker {
  const sticker = guild.stickers.find((s) => s.id === id);
  if (!sticker) throw badRequest(10060, 'Unknown Sticker', 404);
  return sticker;
}

/** `PATCH /guilds/:id/stickers/:sticker_id`: name, description, tags. */
export function editSticker(
  world: World,
  guild: GuildRecord,
  id: string,
  input: { name?: unknown; description?: unknown; tags?: unknown },
): APISticker {
  const sticker = findSticker(guild, id);
  if (typeof input.name === 'string') sticker.name = input.name;
  if (input.description !== undefined) {
    sticker.description = typeof input.description === 'string' ? input.description : null;
  }
  if (typeof input.tags === 'string') sticker.tags = input.tags;
  stickersChanged(world, guild);
  return sticker;
}

/** `DELETE /guilds/:id/stickers/:sticker_id`. */
export function removeSticker(world: World, guild: GuildRecord, id: string): void {
  const sticker = findSticker(guild, id);
  guild.stickers = guild.stickers.filter((s) => s !== sticker);
  stickersChanged(world, guild);
}
