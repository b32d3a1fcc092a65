import { AssistantError } from '../errors.js';

/**
 * Runs `task` with a signal that aborts after `ms` (with a `ZRX_ASSISTANT_WALL_TIME` reason) or
 * when `outer` aborts, whichever comes first: the whole-question limit, however many provider
 * calls and tools the question takes.
 */
export async function withWallTime<T>(
  ms: number,
  outer: AbortSignal | undefined,
  task: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const wall = new AbortController();
  const timer = setTimeout(
    () =>
      wall.abort(
        new AssistantError(
          'ZRX_ASSISTANT_WALL_TIME',
          `The question took longer than ${ms} ms and was stopped.`,
        ),
      ),
    ms,
  );
  try {
    return await task(outer ? AbortSignal.any([outer, wall.signal]) : wall.signal);
  } finally {
    clearTimeout(timer);
  }
}
