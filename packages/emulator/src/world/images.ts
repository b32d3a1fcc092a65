import { createHash } from 'node:crypto';
import { invalidFormBody } from '../rest/discord-error.js';
import type { World } from './world.js';

/** An uploaded image as the emulator keeps it: the bytes, served back on the CDN routes. */
export interface StoredImage {
  readonly data: Buffer;
  readonly contentType: string;
}

// Kept beside the world rather than in its records: images are served, never dispatched.
const stores = new WeakMap<World, Map<string, StoredImage>>();

function storeOf(world: World): Map<string, StoredImage> {
  let store = stores.get(world);
  if (!store) {
    store = new Map();
    stores.set(world, store);
  }
  return store;
}

/**
 * Keeps an image and returns its hash: Discord's image hashes are opaque strings, so the
 * emulator uses the first 32 hex of the content's SHA-256 (the same upload, the same hash).
 */
export function storeImage(world: World, image: StoredImage): string {
  const hash = createHash('sha256').update(image.data).digest('hex').slice(0, 32);
  storeOf(world).set(hash, image);
  return hash;
}

/** An image stored under `key` (an emoji or sticker id, or an image hash), if any. */
export function findImage(world: World, key: string): StoredImage | undefined {
  return storeOf(world).get(key);
}

/** Also serves an image under an entity's id (emoji and sticker URLs carry the id, not a hash). */
export function aliasImage(world: World, key: string, hash: string): void {
  const image = storeOf(world).get(hash);
  if (image) storeOf(world).set(key, image);
}

const DATA_URI = /^data:(image\/(?:png|jpe?g|gif|webp));base64,([A-Za-z0-9+/=]+)$/;

/**
 * Decodes Discord's image data (`data:image/png;base64,…`), or answers 50035 on `field` with
 * Discord's `IMAGE_INVALID` as Discord does for anything else.
 */
export function decodeImageData(field: string, value: unknown): StoredImage {
  const match = typeof value === 'string' ? DATA_URI.exec(value) : null;
  if (!match) {
    throw invalidFormBody({
      [field]: { _errors: [{ code: 'IMAGE_INVALID', message: 'Invalid image data' }] },
    });
  }
  return { contentType: match[1] ?? 'image/png', data: Buffer.from(match[2] ?? '', 'base64') };
}

/** Stores a data-URI image field (`icon`, `banner`, `image`); `null` clears it. */
export function imageField(world: World, field: string, value: unknown): string | null {
  if (value === null) return null;
  return storeImage(world, decodeImageData(field, value));
}
