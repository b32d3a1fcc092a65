import type { MessagePort } from 'node:worker_threads';
import { describeError, SupervisorError } from '../errors.js';
import {
  type DispatchMessage,
  PROTOCOL_VERSION,
  parseSupervisorMessage,
  type ShardEventMessage,
  type SupervisorMessage,
  type WorkerInit,
  type WorkerMessage,
  type WorkerSession,
} from '../protocol.js';
import { acknowledge, type SlotViews } from '../shared-slots.js';

/** Distributes version-less message bodies: the channel adds `v`. */
type Outgoing = WorkerMessage extends infer M
  ? M extends { v: number }
    ? Omit<M, 'v'>
    : never
  : never;

/**
 * The longest stretch (ms) the channel hands queued messages to the bot before it lets the event
 * loop run (timers, I/O: the bot's REST answers, the heartbeat).
 *
 * Why: a port delivers everything queued to it in one go. A worker that fell behind (a burst, a
 * GC pause, a busy core) would then handle its whole backlog — thousands of events at 1,000
 * commands/s — in one macrotask: no REST answer read, no reply sent, no heartbeat written
 * meanwhile (seconds: the watchdog took it for a blocked loop and restarted it). A gateway socket
 * in one process never does that: frames arrive per read, with I/O between them.
 */
const SLICE_MS = 4;

/** A FIFO over an array with a moving head (shift() of a long array is O(n)). */
class Inbox {
  #items: SupervisorMessage[] = [];
  #head = 0;

  public get length(): number {
    return this.#items.length - this.#head;
  }

  public push(message: SupervisorMessage): void {
    this.#items.push(message);
  }

  public shift(): SupervisorMessage | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const message = this.#items[this.#head];
    this.#head++;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return message;
  }
}

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
  #session: WorkerSession | undefined;
  readonly #inbox = new Inbox();
  /** When the current slice's budget ends (performance.now()); 0 while no slice is open. */
  #sliceEnd = 0;

  /** Listens on `port` (the worker's `parentPort`). */
  public constructor(port: MessagePort, slots: SlotViews, init: WorkerInit) {
    this.#port = port;
    this.#slots = slots;
    this.init = init;
    port.on('message', (raw: unknown) => this.#receive(raw));
  }

  /**
   * The session the client joins, from the start message. Throws `ZRX_SUPERVISOR_NOT_SUPERVISED`
   * before it (nothing reads it before the entry's function runs, which the start message triggers).
   */
  public get session(): WorkerSession {
    if (!this.#session) {
      throw new SupervisorError(
        'ZRX_SUPERVISOR_NOT_SUPERVISED',
        'The relay has no session before the supervisor started this worker.',
        "Read the relay in the entry's default function, not at the module's top level.",
      );
    }
    return this.#session;
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
    // In order, through the inbox: a shutdown is handled after the events posted before it.
    this.#inbox.push(message);
    // Behind a backlog: the next turn takes it, in order.
    if (this.#inbox.length > 1) return;
    const now = performance.now();
    if (this.#sliceEnd === 0) this.#openSlice(now);
    // The slice is used up: the next turn (scheduled when it opened) takes it.
    else if (now >= this.#sliceEnd) return;
    this.#handle(this.#inbox.shift() as SupervisorMessage);
  }

  /**
   * Opens a slice of {@link SLICE_MS} and schedules the turn that closes it. Within a slice,
   * messages are handed over as the port delivers them — one per call, Node running the
   * microtasks in between, as before — so an event's handler starts before the next event is
   * handed over (and acknowledged): a worker that spins in it does not take later events with it.
   */
  #openSlice(now: number): void {
    this.#sliceEnd = now + SLICE_MS;
    setImmediate(this.#turn);
  }

  /**
   * One per event-loop turn while messages wait: hands over the oldest in a new slice. One, not
   * a batch: the next waits for the next turn, after timers, I/O and its own microtasks.
   */
  readonly #turn = (): void => {
    this.#sliceEnd = 0;
    const message = this.#inbox.shift();
    if (message === undefined) return;
    this.#openSlice(performance.now());
    // A throw propagates (the worker's uncaught error, as before); the next turn is scheduled.
    this.#handle(message);
  };

  #handle(message: SupervisorMessage): void {
    switch (message.t) {
      case 'dispatch':
        this.#receiver?.onDispatch(message);
        break;
      case 'shard':
        this.#receiver?.onShardEvent(message);
        break;
      case 'start':
        this.#session ??= message.session;
        this.#onStart(message.reason);
        break;
      case 'shutdown':
        this.#onShutdown(message.reason);
        break;
    }
  }
}
