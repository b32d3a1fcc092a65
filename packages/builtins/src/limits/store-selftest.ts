import type { AtomicStore } from '@zoryx/store';

/** One step of {@link runStoreSelfTest}. */
export interface StoreSelfTestStep {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  /** What went wrong, or a short note on what was checked. */
  readonly detail: string;
}

interface Probe {
  readonly n: number;
  readonly token: string;
}

/**
 * A live self-test of an atomic store on a scratch file (what `atomictest` runs): write, uncached read, cached read,
 * 10 concurrent read-modify-write updates (must end at exactly 10: none lost), invalidation and
 * re-read, then delete (the file is removed whatever failed). Timings use `clock`.
 */
export async function runStoreSelfTest(
  store: Pick<AtomicStore, 'writeJson' | 'readJson' | 'update' | 'invalidate' | 'delete'>,
  file: string,
  clock: () => number = () => performance.now(),
): Promise<StoreSelfTestStep[]> {
  const steps: StoreSelfTestStep[] = [];
  const token = Math.random().toString(36).slice(2);
  const step = async (name: string, fn: () => Promise<string | true>) => {
    const started = clock();
    try {
      const result = await fn();
      const ok = result === true;
      steps.push({ name, ok, ms: clock() - started, detail: ok ? '' : result });
    } catch (error) {
      steps.push({
        name,
        ok: false,
        ms: clock() - started,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const same = (value: Probe | undefined, n: number): string | true =>
    value?.token === token && value.n === n
      ? true
      : `expected n=${n}, read ${JSON.stringify(value)}`;
  try {
    await step('write', async () => {
      await store.writeJson(file, { n: 0, token } satisfies Probe);
      return true;
    });
    await step('read (uncached)', async () =>
      same(await store.readJson<Probe>(file, { cache: false }), 0),
    );
    await step('read (cached)', async () => {
      await store.readJson<Probe>(file);
      return same(await store.readJson<Probe>(file), 0);
    });
    await step('10 concurrent writes', async () => {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          store.update<Probe>(file, (current) => ({ token, n: (current?.n ?? 0) + 1 })),
        ),
      );
      return same(await store.readJson<Probe>(file, { cache: false }), 10);
    });
    await step('invalidate + read', async () => {
      store.invalidate(file);
      return same(await store.readJson<Probe>(file), 10);
    });
  } finally {
    await step('cleanup', async () => {
      await store.delete(file);
      return (await store.readJson(file, { cache: false })) === undefined
        ? true
        : 'file still there';
    });
  }
  return steps;
}
