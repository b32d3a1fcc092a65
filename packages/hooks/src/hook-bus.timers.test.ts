import { afterEach, describe, expect, it, vi } from 'vitest';
import { deferred, type TestEvents } from '../test/helpers.js';
import { HookBus } from './index.js';

// Counts real Node timers through vitest's timer faking: the point is HOW MANY timers the bus
// arms, which is what makes it cheaper than a timer per call.
describe('timer use', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hooks that return synchronously never arm a timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval'] });
    const bus = new HookBus<TestEvents>();
    for (let i = 0; i < 3; i++) bus.on('ping', () => i, { id: `h${i}`, timeoutMs: 1000 });
    for (let n = 0; n < 100; n++) await bus.emitAndWait('ping', { n });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('many concurrent async hook calls share ONE timer, which still times each out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'Date'] });
    const bus = new HookBus<TestEvents>({ clock: () => Date.now() });
    const never = () => new Promise<never>(() => {});
    bus.on('ping', never, { id: 'short', timeoutMs: 1000 });
    bus.on('pong', never, { id: 'long', timeoutMs: 5000 });
    const shorts = [];
    const longs = [];
    for (let n = 0; n < 50; n++) {
      shorts.push(bus.emitAndWait('ping', { n }));
      longs.push(bus.emitAndWait('pong', { n }));
    }
    expect(vi.getTimerCount()).toBe(1);

    await vi.advanceTimersByTimeAsync(1000);
    const shortResults = await Promise.all(shorts);
    expect(shortResults.every((r) => r.outcomes[0]?.status === 'timeout')).toBe(true);
    expect(vi.getTimerCount()).toBe(1); // re-armed for the 5 s lane

    await vi.advanceTimersByTimeAsync(4000);
    const longResults = await Promise.all(longs);
    expect(longResults.every((r) => r.outcomes[0]?.status === 'timeout')).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(bus.hooks().map((h) => h.metrics.timeouts)).toEqual([50, 50]);
  });

  it('a pending async hook keeps exactly one timer, gone after it settles', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval'] });
    const bus = new HookBus<TestEvents>();
    const gate = deferred();
    bus.on('ping', () => gate.promise, { timeoutMs: 1000 });
    const pending = bus.emitAndWait('ping', { n: 0 });
    expect(vi.getTimerCount()).toBe(1);
    gate.resolve();
    expect((await pending).ok).toBe(true);
  });
});
