import { hashSecret, newSecret } from './tokens.js';

/** How long a login link works. */
export const LOGIN_LINK_TTL_MS = 5 * 60_000;

interface PendingLink {
  readonly userId: string;
  readonly expiresAt: number;
}

/**
 * One-time login links: a 256-bit token per link, kept only as its hash, valid for five minutes
 * and consumed by the first use. In memory on purpose: a restart voids every unused link.
 */
export class LoginLinks {
  readonly #pending = new Map<string, PendingLink>();

  public constructor(private readonly now: () => number = Date.now) {}

  /** Creates a token for `userId`. */
  public create(userId: string): string {
    this.#prune();
    const token = newSecret();
    this.#pending.set(hashSecret(token), { userId, expiresAt: this.now() + LOGIN_LINK_TTL_MS });
    return token;
  }

  /** Whether `token` would log in now (does not consume it). */
  public peek(token: string): boolean {
    const link = this.#pending.get(hashSecret(token));
    return link !== undefined && link.expiresAt > this.now();
  }

  /** Consumes `token`: the user id it was made for, or `null` (unknown, used or expired). */
  public consume(token: string): string | null {
    const key = hashSecret(token);
    const link = this.#pending.get(key);
    this.#pending.delete(key);
    if (!link || link.expiresAt <= this.now()) return null;
    return link.userId;
  }

  #prune(): void {
    const now = this.now();
    for (const [key, link] of this.#pending) if (link.expiresAt <= now) this.#pending.delete(key);
  }
}
