/**
 * Resolves once `check` holds, polling every 20 ms; rejects after `ms` (a generous bound for a
 * loaded machine, not a timing assertion). For tests of asynchronous Redis work.
 */
export async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
