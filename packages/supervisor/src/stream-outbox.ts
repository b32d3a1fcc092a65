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
 * Sending a read's first event at once when the worker is idle, the rest after, was tried (6
 * December): about 3× the posts and 30–60 µs more CPU per event over the two threads (bare relay
 * benchmark), and no latency gain that stood out of the run-to-run noise. Wake-ups are what costs.
 */
export class StreamOutbox {
  readonly #send: (message: StreamMessage | BatchMessage) => void;
  #messages: StreamMessage[] = [];
  #scheduled = false;

  /** `send` posts one transport message (the worker's `postMessage`). */
  public constructor(send: (message: StreamMessage | BatchMessage) => void) {
    this.#send = send;
  }

  /** Queues a message for this turn's send. */
  public push(message: StreamMessage): void {
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
