import type { MessagePort } from 'node:worker_threads';
import { describeError, SupervisorError } from '../errors.js';
import { Queue } from '../fifo-queue.js';
import {
  type DispatchMessage,
  type FrameMessage,
  PROTOCOL_VERSION,
  type ShardEventMessage,
  type SupervisorMessage,
  type WorkerInit,
  type WorkerMessage,
  type WorkerSession,
} from '../protocol.js';
import { parseFrame, parseSupervisorMessage } from '../protocol-parse.js';
import {
  LAG_BUCKETS,
  RelayLag,
  type RelayLagCounts,
  type RelayLagHistogram,
  type RelayLagStage,
  sharedNow,
} from '../relay-lag.js';
import { acknowledge, type SlotViews } from '../shared-slots.js';

/** Distributes version-less message bodies: the channel adds `v`. */
type Outgoing = WorkerMessage extends infer M
  ? M extends { v: number }
    ? Omit<M, 'v'>
    : never
  : never;

/**
 * The longest stretch (ms) the channel hands messages to the bot before it lets the event loop
 * run (timers, I/O: the bot's REST answers, the heartbeat).
 *
 * Why: a port delivers everything queued to it in one go, and a batch holds many events. A
 * worker that fell behind (a burst, a GC pause, a busy core) would then handle its whole backlog
 * — thousands of events at 1,000 commands/s — without a loop turn: no REST answer read, no reply
 * sent, no heartbeat written meanwhile (seconds: the watchdog took it for a blocked loop and
 * restarted it). A gateway socket in one process never does that: frames arrive per read, with
 * I/O between them.
 *
 * 2 ms, not 4: a timer (an HTTP probe's answer) waits about one slice while a backlog drains —
 * p50 0.3 / 2–7 / 4–10 / 8–12 ms late with 1 / 2 / 4 / 8 ms slices in an isolated drain of
 * 3,000 events — while pausing per slice cost nothing measurable (20,000 empty events
 * drained with the same thread CPU at every size).
 */
const SLICE_MS = 2;

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
  /** When the current slice's budget ends (performance.now()); 0 while no slice is open. */
  #sliceEnd = 0;
  /** Received messages not handed over yet, in order. */
  readonly #inbox = new Queue<SupervisorMessage>();
  /** The relay's lag of the events received and handed over since the last heartbeat took it. */
  readonly #lag = new RelayLag();
  /** What heartbeats took before: with {@link #lag}, everything this worker counted. */
  readonly #lagTaken = new RelayLag();

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

  /**
   * The relay's lag counts since the last call (for the heartbeat), or null if no live event was
   * handed over meanwhile.
   */
  public takeLag(): RelayLagCounts | null {
    const counts = this.#lag.take();
    if (counts !== null) this.#lagTaken.add(counts);
    return counts;
  }

  /**
   * The relay's lag at `stage` of every live event this worker received, counted since it
   * started (a metrics exporter in the bot reads it; the supervisor's `relayLagHistogram()`
   * adds up all workers').
   */
  public lagHistogram(stage: RelayLagStage): RelayLagHistogram {
    const taken = this.#lagTaken[stage].histogram();
    const pending = this.#lag[stage].histogram().counts;
    for (let i = 0; i < LAG_BUCKETS; i++) {
      taken.counts[i] = (taken.counts[i] as number) + (pending[i] as number);
    }
    return taken;
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
    const now = sharedNow();
    if (message.t === 'batch') {
      for (const item of message.messages) this.#arrived(item, now);
    } else {
      this.#arrived(message, now);
    }
  }

  #arrived(message: SupervisorMessage, now: number): void {
    if ('at' in message && message.at !== undefined) this.#lag.arrival.record(now - message.at);
    this.#enqueue(message);
  }

  /**
   * Every message — a batch's items one by one, a shutdown after the events posted before it —
   * is handed over from its own `setImmediate`, in order. Node runs the microtasks between two
   * immediates, so an event's handler starts (its awaits run) before the next event is handed
   * over and acknowledged: a command that spins does not take the events behind it with it (the
   * next worker replays them). The immediates queued now all run in this loop turn's check
   * phase, several events per turn.
   */
  #enqueue(message: SupervisorMessage): void {
    this.#inbox.push(message);
    setImmediate(this.#next);
  }

  /**
   * Hands over the oldest waiting message, unless the slice is used up: then it waits for the
   * next loop turn (timers and I/O run first), still in order — every call takes the inbox's
   * head, whichever immediate it runs from.
   *
   * Not one event per loop turn (the first version of the slices): a worker that fell behind
   * then drained no faster than its loop turned, which at 1,000 commands/s with busy turns is
   * slower than events arrive — a backlog that never drained.
   */
  readonly #next = (): void => {
    if (this.#sliceEnd === 0) {
      this.#sliceEnd = performance.now() + SLICE_MS;
      // Queued from the check phase, so it runs first in the next turn's: the slice ends there.
      setImmediate(this.#endSlice);
    } else if (performance.now() >= this.#sliceEnd) {
      setImmediate(this.#next);
      return;
    }
    const message = this.#inbox.shift();
    // A throw propagates (the worker's uncaught error, as before).
    if (message !== undefined) this.#handle(message);
  };

  readonly #endSlice = (): void => {
    this.#sliceEnd = 0;
  };

  #handle(message: SupervisorMessage): void {
    if ('at' in message && message.at !== undefined) {
      this.#lag.handoff.record(sharedNow() - message.at);
    }
    switch (message.t) {
      case 'dispatch':
        this.#receiver?.onDispatch(message);
        break;
      case 'frame':
        this.#handleFrame(message);
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

  /**
   * A dispatch relayed as its frame's text: parsed here, in its slice, then handed over like any
   * dispatch. Text that is not a dispatch (never sent by a supervisor of this version) is reported
   * and acknowledged, so it is not replayed to the next worker either.
   */
  #handleFrame(message: FrameMessage): void {
    let dispatch: DispatchMessage;
    try {
      dispatch = parseFrame(message);
    } catch (error) {
      if (message.seq > 0) this.acknowledge(message.seq);
      this.post({
        t: 'log',
        level: 'error',
        msg: describeError(error),
        data: { code: 'ZRX_SUPERVISOR_PROTOCOL_INVALID', seq: message.seq },
      });
      return;
    }
    this.#receiver?.onDispatch(dispatch);
  }
}
