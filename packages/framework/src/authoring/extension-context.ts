import type { ExtensionContext } from '@zoryx/loader';

// Keyed by piece instance, so two bots in one process never see each other's contexts and an
// unloaded piece's context is collected with it.
const contexts = new WeakMap<object, ExtensionContext>();

/** @internal Records the context of the extension that owns `piece` (done when it is inserted). */
export function bindContext(piece: object, ctx: ExtensionContext): void {
  contexts.set(piece, ctx);
}

/**
 * The context of the extension that owns a Sapphire piece, or `undefined` for a piece no
 * extension brought. `defineCommand` passes it to `run` itself; raw Sapphire classes can use this:
 *
 * ```ts
 * class Ping extends Command {
 *   public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
 *     const ctx = contextOf(this);
 *     ctx?.logger.info('pinged');
 *   }
 * }
 * ```
 */
export function contextOf(piece: object): ExtensionContext | undefined {
  return contexts.get(piece);
}
