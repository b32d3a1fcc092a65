// The supervisor's side of the relay's batching: stream messages posted in one turn of the event
// loop leave together as one `batch` message (see BatchMessage in protocol.ts).
import { type BatchMessage, PROTOCOL_VERSION, type StreamMessage } from './protocol.js';

/**
 * Collects stream messages (dispatches, shard events) and sends them once the current turn's I/O
 * callbacks and their microtasks ran (a `setImmediate`): several as one {@link BatchMessage}, a
 * lone one as itself. Events that arrived in one read of the gateway socket thus cross to the
 * worker — and wake its thread — once, not once each: `postMessage` (copy, queue lock,
 * cross-thread wake-up) was ~30 % of the supervisor thread's time at 1,000 commands/s. The wait
 * adds no loop turn: the check phase follows the poll phase that received the frames.
 *
 * One exception: a stream event that finds the worker idle — it acknowledged everything sent so
 * far and nothing is queued — is sent at once, alone. The worker starts on it while this thread
 * handles the rest of the read (queued behind it as usual): waiting for the end of the turn would
 * only add the time this thread spends on the other frames of the read to the first event's
 * latency, for a worker that had nothing else to do. A worker that is busy gets batches, which is
 * when they save the most.
 */
export class StreamOutbox {
  readonly #send: (message: StreamMessage | BatchMessage) => void;
  readonly #acknowledged: (() => number) | undefined;
  #messages: StreamMessage[] = [];
  #scheduled = false;
  /** The highest stream `seq` sent so far. */
  #sentSeq = 0;

  /**
   * `send` posts one transport message (the worker's `postMessage`); `acknowledged` reads the
   * highest `seq` the worker has handed to the bot (shared memory). Without it every message
   * waits for the end of the turn.
   */
  public constructor(
    send: (message: StreamMessage | BatchMessage) => void,
    acknowledged?: () => number,
  ) {
    this.#send = send;
    this.#acknowledged = acknowledged;
  }

  /** Queues a message for this turn's send, or sends it at once to an idle worker (see above). */
  public push(message: StreamMessage): void {
    if (
      message.seq > 0 &&
      this.#messages.length === 0 &&
      this.#acknowledged !== undefined &&
      this.#acknowledged() >= this.#sentSeq
    ) {
      this.#sentSeq = message.seq;
      this.#send(message);
      return;
    }
    this.#messages.push(message);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(this.flush);
  }

  /** Sends what is queued now (before a control message, which must not overtake it). */
  public readonly flush = (): void => {
    this.#scheduled = false;
    const messages = this.#messages;
    if (messages.length === 0) return;
    this.#messages = [];
    for (const message of messages) if (message.seq > this.#sentSeq) this.#sentSeq = message.seq;
    this.#send(
      messages.length === 1
        ? (messages[0] as StreamMessage)
        : { v: PROTOCOL_VERSION, t: 'batch', messages },
    );
  };

  /** Forgets what is queued (the worker is gone; the stream replays what it never acknowledged). */
  public clear(): void {
    this.#messages = [];
  }
}
