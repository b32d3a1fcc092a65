import { randomBytes } from 'node:crypto';
import type { AccessLevel } from '@zoryx/framework';
import type { ProposedAction } from './ask-loop.js';

/** A proposed action waiting for its confirmation button. */
export interface PendingAction extends ProposedAction {
  readonly id: string;
  /** The asker whose question proposed it. */
  readonly proposedBy: string;
  readonly permission: AccessLevel;
  readonly expiresAt: number;
}

/** How long a proposal can be confirmed. */
export const PENDING_TTL_MS = 10 * 60_000;
/** Proposals kept at most (the oldest are dropped first). */
const MAX_PENDING = 100;

/**
 * Proposals of action tools, by id, until confirmed, cancelled or expired. The id is random and
 * only ever goes into a button's custom id, so the model cannot name one to confirm it.
 */
export class PendingActions {
  readonly #pending = new Map<string, PendingAction>();
  readonly #now: () => number;

  public constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Stores a proposal; returns it with its id. */
  add(proposal: ProposedAction, proposedBy: string): PendingAction {
    this.#sweep();
    const pending: PendingAction = {
      ...proposal,
      id: randomBytes(6).toString('hex'),
      proposedBy,
      permission: proposal.tool.permission,
      expiresAt: this.#now() + PENDING_TTL_MS,
    };
    this.#pending.set(pending.id, pending);
    while (this.#pending.size > MAX_PENDING) {
      const oldest = this.#pending.keys().next().value;
      if (oldest === undefined) break;
      this.#pending.delete(oldest);
    }
    return pending;
  }

  /** The live proposal with `id`, or `undefined` (unknown, done or expired). */
  get(id: string): PendingAction | undefined {
    this.#sweep();
    return this.#pending.get(id);
  }

  /** Removes a proposal (confirmed or cancelled): a second click finds nothing. */
  take(id: string): PendingAction | undefined {
    const pending = this.get(id);
    this.#pending.delete(id);
    return pending;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, pending] of this.#pending)
      if (pending.expiresAt <= now) this.#pending.delete(id);
  }
}
