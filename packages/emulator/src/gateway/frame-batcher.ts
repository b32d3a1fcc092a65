import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Coalesces the gateway frames written to a socket in one event-loop turn into one TCP write.
 * A load generator sends its commands in bursts (a timer tick's worth at a time), and the bot's
 * REST calls that arrive together each echo a MESSAGE_CREATE: one `writev` system call per
 * frame was the emulator's largest single cost per command. The frames still leave in the order
 * they were sent, within the same turn of the loop (`setImmediate`), so no client sees a
 * difference but fewer, fuller reads.
 */
export class FrameBatcher {
  readonly #held = new Set<Duplex>();
  #pending: NodeJS.Immediate | null = null;

  /** Holds `socket`'s writes until the end of this loop turn (call before each send). */
  public hold(socket: WebSocket): void {
    const raw = rawSocket(socket);
    if (!raw || this.#held.has(raw)) return;
    raw.cork();
    this.#held.add(raw);
    this.#pending ??= setImmediate(() => this.flush());
  }

  /** Writes everything held now: before a socket is terminated, so no frame sent is lost. */
  public flush(): void {
    if (this.#pending) clearImmediate(this.#pending);
    this.#pending = null;
    const held = [...this.#held];
    this.#held.clear();
    for (const raw of held) raw.uncork();
  }
}

/** ws keeps its TCP socket in `_socket` (not in its types); without one, writes go unbatched. */
function rawSocket(socket: WebSocket): Duplex | undefined {
  const raw = (socket as unknown as { _socket?: Partial<Duplex> | null })._socket;
  return raw && typeof raw.cork === 'function' && typeof raw.uncork === 'function'
    ? (raw as Duplex)
    : undefined;
}
