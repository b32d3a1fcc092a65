import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import {
  editEmoji,
  editSticker,
  findSticker,
  removeEmoji,
  removeSticker,
  uploadEmoji,
  uploadSticker,
} from '../../world/guild-expressions.js';
import { findImage } from '../../world/images.js';
import type { World } from '../../world/world.js';
import { DiscordApiError } from '../discord-error.js';
import { RouteResponse, type Router } from '../router.js';
import { BinaryResponse, fileData } from '../uploaded-files.js';

// Discord lets a bot with either permission manage expressions (the create one only its own).
const EXPRESSIONS = P.ManageGuildExpressions;

type Fields = Record<string, unknown>;

/** Emojis and stickers (create, edit, delete with their images) and the CDN serving images. */
export function registerExpressionRoutes(router: Router, world: World): void {
  const guildOf = (id: string | undefined, manage: boolean) => {
    const guild = world.guild(id ?? '');
    if (manage) world.requireGuildPermissions(guild, EXPRESSIONS);
    return guild;
  };

  router.on(
    'POST',
    '/guilds/:guild_id/emojis',
    ({ params, body }) =>
      new RouteResponse(
        201,
        uploadEmoji(world, guildOf(params.guild_id, true), (body ?? {}) as Fields),
      ),
  );
  router.on('PATCH', '/guilds/:guild_id/emojis/:emoji_id', ({ params, body }) =>
    editEmoji(world, guildOf(params.guild_id, true), params.emoji_id ?? '', (body ?? {}) as Fields),
  );
  router.on('DELETE', '/guilds/:guild_id/emojis/:emoji_id', ({ params }) => {
    removeEmoji(world, guildOf(params.guild_id, true), params.emoji_id ?? '');
    return undefined;
  });

  router.on(
    'GET',
    '/guilds/:guild_id/stickers',
    ({ params }) => guildOf(params.guild_id, false).stickers,
  );
  router.on('GET', '/guilds/:guild_id/stickers/:sticker_id', ({ params }) =>
    findSticker(guildOf(params.guild_id, false), params.sticker_id ?? ''),
  );
  router.on('POST', '/guilds/:guild_id/stickers', ({ params, body, files }) => {
    const file = files.find((f) => f.field === 'file');
    const data = file ? fileData(file) : undefined;
    const input = (body ?? {}) as Fields;
    return new RouteResponse(
      201,
      uploadSticker(world, guildOf(params.guild_id, true), {
        name: input.name,
        description: input.description,
        tags: input.tags,
        file: file && data ? { contentType: file.contentType || 'image/png', data } : undefined,
      }),
    );
  });
  router.on('PATCH', '/guilds/:guild_id/stickers/:sticker_id', ({ params, body }) =>
    editSticker(
      world,
      guildOf(params.guild_id, true),
      params.sticker_id ?? '',
      (body ?? {}) as Fields,
    ),
  );
  router.on('DELETE', '/guilds/:guild_id/stickers/:sticker_id', ({ params }) => {
    removeSticker(world, guildOf(params.guild_id, true), params.sticker_id ?? '');
    return undefined;
  });

  // The CDN (`rest.cdn` of the emulator's client options): images by entity id or image hash.
  const serve = (file: string | undefined) => {
    const image = findImage(world, (file ?? '').replace(/\.\w+$/, ''));
    if (!image) throw new DiscordApiError(404, 0, '404: Not Found');
    return new BinaryResponse(image.contentType, image.data);
  };
  for (const kind of ['emojis', 'stickers']) {
    router.on('GET', `/cdn/${kind}/:file`, ({ params }) => serve(params.file), false);
  }
  for (const kind of ['role-icons', 'icons', 'banners']) {
    router.on('GET', `/cdn/${kind}/:owner_id/:file`, ({ params }) => serve(params.file), false);
  }
}
