/** A queued `writeJson`. Serialised when its tick ends, unless a later write replaced it. */
export interface WriteOp {
  readonly kind: 'write';
  readonly data: unknown;
  readonly keepCached: boolean;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  /**
   * `pending` until sealed; then the JSON text, `superseded`, or `failed` (already rejected).
   * Serialised text always ends in a newline, so it never equals one of the markers.
   */
  text: string | 'pending' | 'superseded' | 'failed';
}

/** One queued operation on a file. */
export type FileOp =
  | WriteOp
  | {
      readonly kind: 'update';
      readonly fn: (current: unknown) => unknown;
      readonly resolve: (value: unknown) => void;
      readonly reject: (error: unknown) => void;
    }
  | {
      readonly kind: 'delete';
      readonly resolve: (existed: boolean) => void;
      readonly reject: (error: unknown) => void;
    }
  | {
      readonly kind: 'quarantine';
      readonly resolve: (text: string | undefined) => void;
      readonly reject: (error: unknown) => void;
    };

/** What a {@link FileQueue} asks of the store while it holds the file. */
export interface FileQueueHost {
  /** Reads and parses the file under the lock; a corrupt file is moved aside and this throws. */
  load(key: string): Promise<string | undefined>;
  /** Serialises an update's result (throws `ZRX_STORE_SERIALIZE`). */
  serialise(key: string, value: unknown): string;
  /** Writes the final text of a batch durably. */
  persist(key: string, text: string, keepCached: boolean, acknowledged: number): Promise<void>;
  /** Deletes the file durably. */
  remove(key: string): Promise<boolean>;
}

/**
 * Serialises every change to one file inside the process, and coalesces them.
 *
 * All operations queued while a write is in flight form the next batch. In a batch, writes
 * replace the pending content and updates run one after another on it, each seeing the result
 * of the one before; then the final content is written once, and every caller of the batch
 * resolves when it is durable — their content, or a newer one, is on disk. Deletes and
 * corruption checks run alone, in queue order.
 */
export class FileQueue {
  readonly key: string;
  readonly #host: FileQueueHost;
  readonly #onIdle: () => void;
  #ops: FileOp[] = [];
  #draining: Promise<void> | null = null;
  #sealScheduled = false;

  /** `onIdle` runs whenever the queue runs dry (the store then forgets it). */
  constructor(key: string, host: FileQueueHost, onIdle: () => void) {
    this.key = key;
    this.#host = host;
    this.#onIdle = onIdle;
  }

  /** Whether operations are queued or running. */
  get busy(): boolean {
    return this.#draining !== null;
  }

  /** Resolves when the queue has run dry. */
  idle(): Promise<void> {
    return this.#draining ?? Promise.resolve();
  }

  /** Queues `op`; it runs after everything queued before it. */
  push(op: FileOp): void {
    this.#ops.push(op);
    if (op.kind === 'write' && !this.#sealScheduled) {
      this.#sealScheduled = true;
      queueMicrotask(() => this.#seal());
    }
    this.#draining ??= this.#drain();
  }

  /**
   * Snapshots the writes queued so far by serialising them — all but those followed directly
   * by another write: that content would never be written, so a burst of calls in one tick
   * costs one `JSON.stringify`, not thousands. Runs when the tick that queued them ends (and
   * before a batch is formed), so data changed in a later tick never leaks into a write.
   */
  #seal(): void {
    this.#sealScheduled = false;
    let laterWrite = false;
    for (let i = this.#ops.length - 1; i >= 0; i--) {
      const op = this.#ops[i] as FileOp;
      if (op.kind !== 'write') {
        laterWrite = false;
        continue;
      }
      if (op.text !== 'pending') break; // everything before this one was sealed earlier
      if (laterWrite) {
        op.text = 'superseded';
        continue;
      }
      try {
        op.text = this.#host.serialise(this.key, op.data);
        laterWrite = true;
      } catch (error) {
        op.text = 'failed';
        op.reject(error);
      }
    }
  }

  async #drain(): Promise<void> {
    // Let the rest of the current tick queue up: a burst of calls becomes one batch.
    await Promise.resolve();
    while (this.#ops.length > 0) {
      this.#seal();
      const first = this.#ops[0] as FileOp;
      if (first.kind === 'delete' || first.kind === 'quarantine') {
        this.#ops.shift();
        await this.#runAlone(first);
        continue;
      }
      let end = 1;
      while (end < this.#ops.length) {
        const kind = (this.#ops[end] as FileOp).kind;
        if (kind === 'delete' || kind === 'quarantine') break;
        end++;
      }
      await this.#runBatch(this.#ops.splice(0, end));
    }
    this.#draining = null;
    this.#onIdle();
  }

  async #runAlone(op: FileOp): Promise<void> {
    try {
      if (op.kind === 'delete') op.resolve(await this.#host.remove(this.key));
      else if (op.kind === 'quarantine') op.resolve(await this.#host.load(this.key));
    } catch (error) {
      op.reject(error);
    }
  }

  async #runBatch(batch: FileOp[]): Promise<void> {
    // `text` is the content the file will hold; `loaded` says whether we know it yet.
    let text: string | undefined;
    let loaded = false;
    let loadError: unknown;
    let keepCached = false;
    const done: Array<() => void> = [];
    const failed: Array<(error: unknown) => void> = [];
    for (const op of batch) {
      if (op.kind === 'write') {
        if (op.text === 'failed') continue;
        if (op.text !== 'superseded' && op.text !== 'pending') {
          text = op.text;
          loaded = true;
          keepCached = op.keepCached;
        }
        done.push(op.resolve);
        failed.push(op.reject);
      } else if (op.kind === 'update') {
        if (!loaded) {
          try {
            text = await this.#host.load(this.key);
          } catch (error) {
            loadError = error;
          }
          loaded = true;
        }
        if (loadError !== undefined && text === undefined) {
          op.reject(loadError); // never build on a file we could not read
          continue;
        }
        try {
          // Each update gets its own fresh copy, so no caller's result aliases another's.
          const result = await op.fn(text === undefined ? undefined : JSON.parse(text));
          text = this.#host.serialise(this.key, result);
          keepCached = false;
          done.push(() => op.resolve(result));
          failed.push(op.reject);
        } catch (error) {
          op.reject(error);
        }
      }
    }
    if (done.length === 0 || text === undefined) return;
    try {
      await this.#host.persist(this.key, text, keepCached, done.length);
    } catch (error) {
      for (const reject of failed) reject(error);
      return;
    }
    for (const resolve of done) resolve();
  }
}
