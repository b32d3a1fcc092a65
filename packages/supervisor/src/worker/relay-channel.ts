import type { MessagePort } from 'node:worker_threads';
import { describeError } from '../errors.js';
import {
  type DispatchMessage,
  PROTOCOL_VERSION,
  parseSupervisorMessage,
  type ShardEventMessage,
  type WorkerInit,
  type WorkerMessage,
} from '../protocol.js';
import { acknowledge, type SlotViews } from '../shared-slots.js';

/** Distributes version-less message bodies: the channel adds `v`. */
type Outgoing = WorkerMessage extends infer M
  ? M extends { v: number }
    ? Omit<M, 'v'>
    : never
  : never;

/** Receives the session stream (the relay strategy of the worker's discord.js client). */
export interface StreamReceiver {
  onDispatch(message: DispatchMessage): void;
  onShardEvent(message: ShardEventMessage): void;
}

/**
 * The worker's end of the relay: validates what the supervisor sends, routes the session stream
 * to the current {@link StreamReceiver} and shutdown requests to the runtime, and acknowledges
 * stream events in shared memory once they were handed to discord.js.
 */
export class RelayChannel {
  /** The data the worker was started with. */
  public readonly init: WorkerInit;
  readonly #port: MessagePort;
  readonly #slots: SlotViews;
  #receiver: StreamReceiver | null = null;
  #onShutdown: (reason: string) => void = () => undefined;
  #onStart: (reason: string) => void = () => undefined;
  #consumed = 0;

  /** Listens on `port` (the worker's `parentPort`). */
  public constructor(port: MessagePort, slots: SlotViews, init: WorkerInit) {
    this.#port = port;
    this.#slots = slots;
    this.init = init;
    port.on('message', (raw: unknown) => this.#receive(raw));
  }

  /** The highest stream seq handed to discord.js. */
  public get consumed(): number {
    return this.#consumed;
  }

  /** Sends a message to the supervisor. */
  public post(message: Outgoing): void {
    this.#port.postMessage({ v: PROTOCOL_VERSION, ...message });
  }

  /** Makes `receiver` the destination of the stream (a new client replaces the old one). */
  public attach(receiver: StreamReceiver): void {
    this.#receiver = receiver;
  }

  /** Stops routing to `receiver` if it is the current one (its client was destroyed). */
  public detach(receiver: StreamReceiver): void {
    if (this.#receiver === receiver) this.#receiver = null;
  }

  /** Where the start message goes. */
  public onStart(handler: (reason: string) => void): void {
    this.#onStart = handler;
  }

  /** Where shutdown requests go. */
  public onShutdown(handler: (reason: string) => void): void {
    this.#onShutdown = handler;
  }

  /**
   * Records that stream event `seq` is being handed to discord.js. Called before the handoff: if
   * handling it blocks or crashes the worker, it is not replayed to the next one.
   */
  public acknowledge(seq: number): void {
    if (seq <= this.#consumed) return;
    this.#consumed = seq;
    acknowledge(this.#slots, seq);
  }

  #receive(raw: unknown): void {
    let message: ReturnType<typeof parseSupervisorMessage>;
    try {
      message = parseSupervisorMessage(raw);
    } catch (error) {
      this.post({
        t: 'log',
        level: 'error',
        msg: describeError(error),
        data: { code: 'ZRX_SUPERVISOR_PROTOCOL_INVALID' },
      });
      return;
    }
    switch (message.t) {
      case 'dispatch':
        this.#receiver?.onDispatch(message);
        break;
      case 'shard':
        this.#receiver?.onShardEvent(message);
        break;
      case 'start':
        this.#onStart(message.reason);
        break;
      case 'shutdown':
        this.#onShutdown(message.reason);
        break;
    }
  }
}
