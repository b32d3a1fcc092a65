import { MAX_TIMER_MS } from './options.js';

/** One tracked deadline. Returned by {@link DeadlineSweeper.track}; pass it back to `release`. */
export interface DeadlineTicket {
  /** @internal */ deadline: number;
  /** @internal */ onExpire: (() => void) | undefined;
  /** @internal */ prev: DeadlineTicket | undefined;
  /** @internal */ next: DeadlineTicket | undefined;
  /** @internal */ lane: Lane | undefined;
}

interface Lane {
  head: DeadlineTicket | undefined;
  tail: DeadlineTicket | undefined;
}

/**
 * One timer for every in-flight deadline of a bus (hook timeouts and backpressure waits).
 *
 * Why not a timer per call: creating and clearing a Node timer costs microseconds, more than a
 * whole dispatch to three hooks. Deadlines are kept in one FIFO "lane" per duration: entries of
 * the same duration are added in deadline order, so each lane's head is its earliest deadline,
 * adding and releasing are O(1), and a sweep touches only expired entries plus one head per lane.
 * The single timer is armed for the earliest head, referenced only while something is tracked
 * (an idle bus never keeps the process alive), and left to lapse instead of being cleared.
 */
export class DeadlineSweeper {
  readonly #clock: () => number;
  readonly #lanes = new Map<number, Lane>();
  #size = 0;
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #refed = false;

  constructor(clock: () => number) {
    this.#clock = clock;
  }

  /** Number of deadlines being tracked. */
  get size(): number {
    return this.#size;
  }

  /**
   * Calls `onExpire` once `durationMs` of clock time has passed since `now` (default: a fresh
   * clock reading), unless released before.
   */
  track(durationMs: number, onExpire: () => void, now = this.#clock()): DeadlineTicket {
    const deadline = now + durationMs;
    let lane = this.#lanes.get(durationMs);
    if (lane === undefined) {
      lane = { head: undefined, tail: undefined };
      this.#lanes.set(durationMs, lane);
    }
    const ticket: DeadlineTicket = { deadline, onExpire, prev: lane.tail, next: undefined, lane };
    if (lane.tail === undefined) lane.head = ticket;
    else lane.tail.next = ticket;
    lane.tail = ticket;
    if (this.#size++ === 0 && this.#timer !== undefined && !this.#refed) {
      this.#timer.ref();
      this.#refed = true;
    }
    if (deadline < this.#timerAt) this.#arm(deadline);
    return ticket;
  }

  /**
   * Stops tracking a ticket. Returns false when it had already expired (or was released), which
   * tells the caller that the timeout path has already run and it must not settle again.
   */
  release(ticket: DeadlineTicket): boolean {
    if (ticket.onExpire === undefined) return false;
    ticket.onExpire = undefined;
    this.#unlink(ticket);
    if (--this.#size === 0 && this.#refed && this.#timer !== undefined) {
      this.#timer.unref();
      this.#refed = false;
    }
    return true;
  }

  /** Expires every ticket whose deadline has passed on the clock, then re-arms the timer. */
  sweep(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    // Disarm first: expiry callbacks may track new deadlines, which then arm their own timer.
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    this.#refed = false;
    const now = this.#clock();
    // Expire across lanes in deadline order, so a late timer still fires callbacks in order.
    for (let lane = this.#earliest(now); lane !== undefined; lane = this.#earliest(now)) {
      const ticket = lane.head!;
      const onExpire = ticket.onExpire;
      this.release(ticket);
      // A throwing callback must not stop the sweep of the others.
      try {
        onExpire?.();
      } catch {}
    }
    let next = Number.POSITIVE_INFINITY;
    for (const lane of this.#lanes.values()) {
      if (lane.head !== undefined && lane.head.deadline < next) next = lane.head.deadline;
    }
    for (const [duration, lane] of this.#lanes) {
      if (lane.head === undefined) this.#lanes.delete(duration);
    }
    if (next < this.#timerAt) this.#arm(next);
  }

  /** The lane whose head has the earliest deadline at or before `now`. */
  #earliest(now: number): Lane | undefined {
    let best: Lane | undefined;
    for (const lane of this.#lanes.values()) {
      const head = lane.head;
      if (
        head !== undefined &&
        head.deadline <= now &&
        (best === undefined || head.deadline < best.head!.deadline)
      ) {
        best = lane;
      }
    }
    return best;
  }

  #unlink(ticket: DeadlineTicket): void {
    const lane = ticket.lane;
    if (lane === undefined) return;
    if (ticket.prev === undefined) lane.head = ticket.next;
    else ticket.prev.next = ticket.next;
    if (ticket.next === undefined) lane.tail = ticket.prev;
    else ticket.next.prev = ticket.prev;
    ticket.prev = ticket.next = ticket.lane = undefined;
  }

  #arm(deadline: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const delay = Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(deadline - this.#clock())));
    this.#timer = setTimeout(() => this.sweep(), delay);
    this.#timerAt = deadline;
    this.#refed = this.#size > 0;
    if (!this.#refed) this.#timer.unref();
  }
}
