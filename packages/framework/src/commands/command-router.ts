import type { CommandStore } from '@sapphire/framework';
import { insertPiece, type PieceConstructor, removePiece } from '../client/pieces.js';
import type { CommandTable } from './command-table.js';
import { createFoldedRootCommand, rootPieceName } from './folded-root.js';

/**
 * Keeps the command store's routing in step with the current {@link CommandTable}: one
 * dispatcher piece per category root (rebuilt only when its entries change) and aliases for
 * registered names that differ from their piece's name.
 */
export class CommandRouter {
  private readonly rootSignatures = new Map<string, string>();
  private readonly aliases = new Set<string>();

  public constructor(private readonly store: CommandStore) {}

  /** Names of the roots currently installed. */
  public get roots(): string[] {
    return [...this.rootSignatures.keys()];
  }

  /** Installs, replaces and removes root pieces and aliases so they match `table`. */
  public async apply(table: CommandTable): Promise<void> {
    for (const [root, entries] of table.roots) {
      const signature = JSON.stringify(entries);
      if (this.rootSignatures.get(root) === signature && this.store.has(rootPieceName(root))) {
        continue;
      }
      const Root = createFoldedRootCommand(root, entries) as PieceConstructor<never>;
      await insertPiece(this.store, Root, rootPieceName(root));
      this.rootSignatures.set(root, signature);
    }
    for (const root of [...this.rootSignatures.keys()]) {
      if (table.roots.has(root)) continue;
      await removePiece(this.store, rootPieceName(root));
      this.rootSignatures.delete(root);
    }
    for (const alias of this.aliases) this.store.aliases.delete(alias);
    this.aliases.clear();
    for (const [key, route] of Object.entries(table.plan.routes)) {
      if (route.kind !== 'top-level') continue;
      const pieceName = table.handlers.get(key);
      const name = table.specs.get(key)?.name;
      if (pieceName === undefined || name === undefined || name === pieceName) continue;
      const piece = this.store.get(pieceName);
      if (piece && !this.store.has(name)) {
        this.store.aliases.set(name, piece);
        this.aliases.add(name);
      }
    }
  }

  /** Removes every root and alias this router installed. */
  public async clear(): Promise<void> {
    for (const root of this.rootSignatures.keys())
      await removePiece(this.store, rootPieceName(root));
    this.rootSignatures.clear();
    for (const alias of this.aliases) this.store.aliases.delete(alias);
    this.aliases.clear();
  }
}
