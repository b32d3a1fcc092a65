import { container, type StoreRegistryKey } from '@sapphire/framework';

type ManualEntries = Map<string, unknown>;

const MANUAL = '@sapphire/pieces:ManuallyRegisteredPieces';

function manualMapOf(store: object): ManualEntries | undefined {
  const symbol = Object.getOwnPropertySymbols(store).find((s) => s.description === MANUAL);
  return symbol ? (store as Record<symbol, ManualEntries>)[symbol] : undefined;
}

/**
 * Sapphire keeps its core pieces (listeners, preconditions, arguments) in a queue that the FIRST
 * `SapphireClient` of a process consumes; a second client in the same process (a restart in
 * tests, a `zoryx dev` reboot) would get stores without them and silently ignore every command.
 * This snapshots the manual registrations of the current stores so they can be handed to the
 * next client's fresh stores with {@link restoreManualPieces}.
 */
export function snapshotManualPieces(): Map<StoreRegistryKey, ManualEntries> {
  const snapshot = new Map<StoreRegistryKey, ManualEntries>();
  for (const [name, store] of container.stores ?? []) {
    const manual = manualMapOf(store);
    if (manual) snapshot.set(name, new Map(manual));
  }
  return snapshot;
}

/** Adds the snapshot's registrations missing from the (new) stores. */
export function restoreManualPieces(snapshot: Map<StoreRegistryKey, ManualEntries>): void {
  for (const [name, entries] of snapshot) {
    const store = container.stores.get(name);
    const manual = store ? manualMapOf(store) : undefined;
    if (!manual) continue;
    for (const [key, entry] of entries) if (!manual.has(key)) manual.set(key, entry);
  }
}
