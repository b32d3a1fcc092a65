import { expect } from 'vitest';

/**
 * Resolves once `check` holds, polling every 20 ms; fails the test after `ms` (a generous bound
 * for a loaded machine, not a timing assertion). For tests of asynchronous Redis work.
 */
export async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  await expect.poll(check, { timeout: ms, interval: 20 }).toBe(true);
}
