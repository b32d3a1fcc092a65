import { describe, expect, it } from 'vitest';
import type { ChatProvider } from '../provider/chat-types.js';
import { withWallTime } from './wall-time.js';

/** A provider that answers nothing until its request is aborted (like a stuck model). */
const stuck: ChatProvider = {
  label: 'stuck',
  chat: (_request, options) =>
    new Promise((_resolve, reject) => {
      options?.signal?.addEventListener('abort', () => reject(options.signal?.reason), {
        once: true,
      });
    }),
};

describe('withWallTime (the whole-question limit of runAskLoop)', () => {
  it('aborts a stuck question with ZRX_ASSISTANT_WALL_TIME', async () => {
    const error = await withWallTime(50, undefined, (signal) =>
      stuck.chat({ messages: [] }, { signal }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ZRX_ASSISTANT_WALL_TIME' });
  });

  it("passes the caller's abort through, and returns the task's value when in time", async () => {
    const outer = new AbortController();
    const pending = withWallTime(60_000, outer.signal, (signal) =>
      stuck.chat({ messages: [] }, { signal }),
    );
    outer.abort('unloaded');
    await expect(pending).rejects.toBe('unloaded');
    await expect(withWallTime(60_000, undefined, async () => 42)).resolves.toBe(42);
  });
});
