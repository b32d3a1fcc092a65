import type {
  Command,
  InteractionHandler,
  Listener,
  Piece,
  Precondition,
  Store,
  StoreRegistryKey,
} from '@sapphire/framework';
import type { ActivitySink, ExtensionContext, ExtensionInfo } from '@zoryx/loader';
import { bindContext } from '../authoring/extension-context.js';
import { dropSapphireCooldown } from '../cooldowns/sapphire-cooldown.js';
import { FrameworkError } from '../errors.js';
import { attributePiece } from './piece-attribution.js';
import { removePiece } from './pieces.js';

/**
 * A piece class of a given kind. Its constructor is typed loosely on purpose: Sapphire's own
 * classes take store-specific loader contexts (`Command.LoaderContext`…), and the store that
 * constructs the piece supplies the right one.
 */
export type PieceClass<T extends Piece> = new (...args: never[]) => T;

/** A piece class an extension brings, optionally with an explicit piece name. */
export type PieceEntry<T extends Piece> = PieceClass<T> | { name: string; piece: PieceClass<T> };

/** The Sapphire pieces an extension definition may bring. */
export interface ExtensionPieces {
  /** Command classes (slash, prefix, hybrid, context menu). */
  commands?: readonly PieceEntry<Command>[];
  /** Listener classes (discord.js and Sapphire events). */
  listeners?: readonly PieceEntry<Listener>[];
  /** Precondition classes. */
  preconditions?: readonly PieceEntry<Precondition>[];
  /** Interaction handler classes (buttons, select menus, modals, autocomplete). */
  interactionHandlers?: readonly PieceEntry<InteractionHandler>[];
  /** Buttons, select menus and modals made with `defineComponent`. */
  components?: readonly PieceEntry<InteractionHandler>[];
}

declare module '@zoryx/loader' {
  interface ExtensionDefinitionExtras extends ExtensionPieces {}
}

const STORES: readonly [keyof ExtensionPieces, StoreRegistryKey][] = [
  ['commands', 'commands'],
  ['listeners', 'listeners'],
  ['preconditions', 'preconditions'],
  ['interactionHandlers', 'interaction-handlers'],
  ['components', 'interaction-handlers'],
];

/** A piece an extension owns. */
export interface OwnedPiece {
  store: StoreRegistryKey;
  name: string;
}

/** The default piece name of a class: `BanCommand` → `ban`, `XpListener` → `xp`. */
export function defaultPieceName(Ctor: { name: string }): string {
  const base = Ctor.name.replace(/(Command|Listener|Precondition|Handler)$/, '') || Ctor.name;
  return base
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[\s_]+/g, '-')
    .toLowerCase();
}

/**
 * Tracks which extension owns which piece, and inserts/removes an extension's pieces.
 * A piece name already owned by another extension is refused (`ZRX_PIECE_CONFLICT` surfaces
 * as a failed load), instead of Sapphire's silent replacement.
 */
export class PieceOwnership {
  private readonly owners = new Map<string, string>();

  public constructor(
    private readonly storeOf: (name: StoreRegistryKey) => Store<Piece> | undefined,
    /** Told which extension runs whenever one of its pieces is called (see `attributePiece`). */
    private readonly activity?: ActivitySink,
  ) {}

  /** The extension that owns a piece, if any. */
  public ownerOf(store: StoreRegistryKey, name: string): string | undefined {
    return this.owners.get(`${store}:${name}`);
  }

  /** Every piece owned by `extension`. */
  public piecesOf(extension: string): OwnedPiece[] {
    const out: OwnedPiece[] = [];
    for (const [key, owner] of this.owners) {
      if (owner !== extension) continue;
      const [store, ...rest] = key.split(':');
      out.push({ store: store as StoreRegistryKey, name: rest.join(':') });
    }
    return out;
  }

  /**
   * Inserts the definition's pieces for `info.name`, each bound to the extension's `ctx` (what
   * `defineCommand`'s `run` and `contextOf(piece)` receive) and running as the extension
   * (attribution of errors and async work, activity); returns what was inserted. On a
   * failure the pieces inserted so far are removed again and the error is rethrown.
   */
  public async insert(info: ExtensionInfo, ctx: ExtensionContext): Promise<OwnedPiece[]> {
    const inserted: OwnedPiece[] = [];
    try {
      for (const [field, storeName] of STORES) {
        const entries = (info.definition[field] ?? []) as readonly PieceEntry<Piece>[];
        const store = this.storeOf(storeName);
        if (!store) continue;
        for (const entry of entries) {
          const [Ctor, wanted] =
            typeof entry === 'function'
              ? [entry, defaultPieceName(entry)]
              : [entry.piece, entry.name];
          const piece = store.construct(Ctor as never, {
            name: wanted,
            root: '::virtual::',
            path: '::virtual::',
            extension: '::virtual::',
          });
          // Cooldowns are the framework's (owners exempt): drop Sapphire's duplicate.
          dropSapphireCooldown(piece);
          bindContext(piece, ctx);
          attributePiece(piece, storeName, info.name, this.activity);
          if (!piece.name) {
            throw new FrameworkError(
              'ZRX_PIECE_NAME',
              `Extension "${info.name}" brings an unnamed ${storeName} piece (an anonymous class without a name option).`,
              `Give it a name: { name: 'my-piece', piece: class extends … } in ${field}, or name the class.`,
            );
          }
          const owner = this.ownerOf(storeName, piece.name);
          if (
            (owner !== undefined && owner !== info.name) ||
            (owner === undefined && store.has(piece.name))
          ) {
            throw new FrameworkError(
              'ZRX_PIECE_CONFLICT',
              `Extension "${info.name}" brings the ${storeName} piece "${piece.name}", which ${owner ? `extension "${owner}"` : 'the framework'} already provides.`,
              `Rename one of them (pass { name: '...', piece: ${Ctor.name} } in ${field}), or unload "${owner ?? 'the other'}" first.`,
            );
          }
          // Claim the name before the first await: extensions of one load level set up
          // concurrently, and Sapphire's insert would silently replace a same-named piece.
          this.owners.set(`${storeName}:${piece.name}`, info.name);
          inserted.push({ store: storeName, name: piece.name });
          await store.insert(piece);
        }
      }
    } catch (error) {
      await this.remove(inserted);
      throw error;
    }
    return inserted;
  }

  /** Removes pieces (and their ownership). */
  public async remove(pieces: readonly OwnedPiece[]): Promise<void> {
    for (const { store, name } of pieces) {
      const target = this.storeOf(store);
      if (target) await removePiece(target, name);
      this.owners.delete(`${store}:${name}`);
    }
  }
}
