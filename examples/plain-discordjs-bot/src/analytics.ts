/**
 * Where the bot reports every counted message — in a real bot, an HTTP analytics endpoint.
 * `signal` aborts when the hook's timeout expires, so a well-behaved sink stops waiting.
 */
export type AnalyticsSink = (
  event: { readonly guildId: string; readonly userId: string; readonly count: number },
  signal: AbortSignal,
) => Promise<void>;

/** Options of {@link createFlakyAnalytics}. */
export interface FlakyAnalyticsOptions {
  /** Every n-th call throws, as a 503 from the service would. Default 3. */
  failEvery?: number;
  /** Every n-th call never answers until it is aborted, as a stuck connection would. Default 4. */
  hangEvery?: number;
}

/**
 * A deliberately unreliable analytics sink, so the example shows what the hook bus does about
 * one: it throws on every `failEvery`-th call and hangs on every `hangEvery`-th call (a call that
 * matches both hangs). Deterministic rather than random, so its behaviour can be tested.
 */
export function createFlakyAnalytics(options: FlakyAnalyticsOptions = {}): AnalyticsSink {
  const failEvery = options.failEvery ?? 3;
  const hangEvery = options.hangEvery ?? 4;
  let calls = 0;
  return async (_event, signal) => {
    calls += 1;
    if (calls % hangEvery === 0) {
      await new Promise<never>((_resolve, reject) => {
        const abort = () =>
          reject(new Error('analytics request aborted (simulated stuck request)'));
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      });
    }
    if (calls % failEvery === 0) {
      throw new Error(`analytics service answered 503 (simulated failure, call ${calls})`);
    }
  };
}
