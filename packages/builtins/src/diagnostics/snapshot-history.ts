import type { AtomicStore } from '@zoryx/store';
import type { HealthSnapshot } from './snapshot.js';

/** Snapshots kept (4 hours at one per 5 minutes). */
export const HISTORY_SIZE = 48;
/** Store file of the history, relative to the extension's store. */
export const HISTORY_PATH = 'history.json';

/** The last {@link HISTORY_SIZE} health snapshots, persisted in the extension's store. */
export class SnapshotHistory {
  constructor(
    private readonly store: Pick<AtomicStore, 'readJson' | 'update'>,
    private readonly size = HISTORY_SIZE,
  ) {}

  /** Appends a snapshot (dropping the oldest beyond the cap) under the file's lock. */
  async push(snapshot: HealthSnapshot): Promise<void> {
    await this.store.update<HealthSnapshot[]>(HISTORY_PATH, (list = []) =>
      [...list, snapshot].slice(-this.size),
    );
  }

  /** The newest `n` snapshots, newest first. */
  async latest(n = this.size): Promise<HealthSnapshot[]> {
    const list = (await this.store.readJson<HealthSnapshot[]>(HISTORY_PATH)) ?? [];
    return list.slice(-Math.max(0, n)).reverse();
  }
}
