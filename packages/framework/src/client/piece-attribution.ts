import type { Piece, StoreRegistryKey } from '@sapphire/framework';
import { type ActivitySink, runAsExtension } from '@zoryx/loader';

/**
 * The methods through which Sapphire (or the framework's routing) calls into a piece, by store:
 * the extension's code behind every command, listener, precondition and interaction handler
 * (`defineCommand`'s `run` is called from `chatInputRun`, `defineComponent`'s from `run`).
 */
const ENTRY_POINTS: Readonly<Partial<Record<StoreRegistryKey, readonly string[]>>> = {
  commands: [
    'chatInputRun',
    'messageRun',
    'contextMenuRun',
    'autocompleteRun',
    'registerApplicationCommands',
  ],
  listeners: ['run'],
  preconditions: ['chatInputRun', 'messageRun', 'contextMenuRun'],
  'interaction-handlers': ['parse', 'run'],
};

/**
 * Makes a piece an extension brought run as that extension: each entry point it has becomes an
 * own method that calls the original inside `runAsExtension`, so errors and async work it starts
 * are attributed to the extension and the activity sink names it while it runs. Done once, when
 * the piece is inserted; methods it lacks stay absent (Sapphire checks for them).
 */
export function attributePiece(
  piece: Piece,
  store: StoreRegistryKey,
  extension: string,
  activity: ActivitySink | undefined,
): void {
  const target = piece as unknown as Record<string, unknown>;
  for (const method of ENTRY_POINTS[store] ?? []) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    Object.defineProperty(piece, method, {
      configurable: true,
      writable: true,
      value: function attributed(this: unknown, ...args: unknown[]): unknown {
        return runAsExtension(extension, () => original.apply(this, args), activity);
      },
    });
  }
}
