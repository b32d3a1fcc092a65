import type { Piece, Store } from '@sapphire/framework';
import { dropSapphireCooldown } from '../cooldowns/sapphire-cooldown.js';

/** Sapphire's marker for pieces that do not come from a file (`VirtualPath` in @sapphire/pieces). */
const VIRTUAL = '::virtual::';

/** A piece class as stores construct it. */
export type PieceConstructor<T extends Piece> = new (
  context: Piece.LoaderContext,
  options?: Piece.Options,
) => T;

/**
 * Constructs a piece and inserts it into a store that is already loaded, replacing a piece of the
 * same name. Sapphire's own `Cooldown` precondition is dropped from commands (the framework's
 * applies their cooldown options). Unlike `store.loadPiece`, nothing is remembered in the store's
 * manual-registration list, so an unloaded piece is really gone (no class kept alive, nothing
 * re-created on the next `loadAll`).
 */
export async function insertPiece<T extends Piece>(
  store: Store<T>,
  Ctor: PieceConstructor<T>,
  name: string,
): Promise<T> {
  const piece = store.construct(Ctor, {
    name,
    root: VIRTUAL,
    path: VIRTUAL,
    extension: VIRTUAL,
  });
  dropSapphireCooldown(piece);
  return store.insert(piece);
}

/** Unloads a piece if it is there. */
export async function removePiece<T extends Piece>(
  store: Store<T>,
  name: string,
): Promise<boolean> {
  if (!store.has(name)) return false;
  await store.unload(name);
  return true;
}
