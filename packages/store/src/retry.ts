import { osErrorCode } from './errors.js';

/**
 * OS errors worth another attempt: Windows reports EBUSY/EPERM/EACCES while an antivirus scanner
 * or indexer holds the target open; EMFILE/ENFILE clear once other descriptors close.
 */
const TRANSIENT = new Set(['EBUSY', 'EPERM', 'EACCES', 'EMFILE', 'ENFILE']);

/** Whether `error` is a transient OS error the store retries. */
export function isTransient(error: unknown): boolean {
  const code = osErrorCode(error);
  return code !== undefined && TRANSIENT.has(code);
}

/** How {@link withRetry} retries. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 = try once). */
  readonly retries: number;
  /** Delay before the first retry; doubles for each further retry, with ±50 % jitter. */
  readonly baseDelayMs: number;
  /** Called before each retry (for statistics). */
  readonly onRetry: (error: unknown) => void;
}

/** Runs `attempt`, retrying transient OS errors with exponential backoff and jitter. */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= policy.retries || !isTransient(error)) throw error;
      policy.onRetry(error);
      // Jitter spreads retries of many writers hitting the same lock holder (e.g. a scanner).
      const delay = policy.baseDelayMs * 2 ** n * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
