import { describe, expect, it } from 'vitest';
import type { TestEvents } from '../test/helpers.js';
import { HookBus, type HookBusOptions, HookError } from './index.js';

function thrown(fn: () => unknown): HookError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HookError) return error;
    throw error;
  }
  throw new Error('expected a HookError');
}

/** Calls `on` with arguments the types forbid, as JavaScript callers can. */
function onUntyped(bus: HookBus<TestEvents>, ...args: unknown[]): unknown {
  return (bus.on as (...a: unknown[]) => unknown)(...args);
}

describe('bad input to on()', () => {
  const bus = new HookBus<TestEvents>();

  it.each([
    ['a string', 'not a function'],
    ['null', null],
    ['undefined', undefined],
    ['an object', { handle() {} }],
  ])('a non-function handler (%s) is ZRX_HOOK_INVALID_HANDLER naming `handler`', (_, handler) => {
    const error = thrown(() => onUntyped(bus, 'ping', handler));
    expect(error).toMatchObject({ code: 'ZRX_HOOK_INVALID_HANDLER', argument: 'handler' });
    expect(error.message).toContain('handler for event "ping"');
    expect(error.hint).toBeTruthy();
  });

  it.each([
    ['an empty string', ''],
    ['a number', 42],
    ['a symbol', Symbol('e')],
  ])('an invalid event name (%s) is ZRX_HOOK_INVALID_EVENT', (_, event) => {
    expect(thrown(() => onUntyped(bus, event, () => {}))).toMatchObject({
      code: 'ZRX_HOOK_INVALID_EVENT',
      argument: 'event',
    });
  });

  it.each([
    ['options.timeoutMs', { timeoutMs: -1 }],
    ['options.timeoutMs', { timeoutMs: 0 }],
    ['options.timeoutMs', { timeoutMs: Number.NaN }],
    ['options.timeoutMs', { timeoutMs: Number.POSITIVE_INFINITY }],
    ['options.timeoutMs', { timeoutMs: 2 ** 31 }],
    ['options.priority', { priority: Number.NaN }],
    ['options.priority', { priority: '1' }],
    ['options.id', { id: '' }],
    ['options.id', { id: 7 }],
    ['options.owner', { owner: '' }],
    ['options', 'fast'],
  ])('bad %s is ZRX_HOOK_INVALID_OPTION naming it', (argument, options) => {
    const error = thrown(() => onUntyped(bus, 'ping', () => {}, options));
    expect(error).toMatchObject({ code: 'ZRX_HOOK_INVALID_OPTION', argument });
    expect(error.message).toContain(argument);
  });

  it('registers nothing when the input was bad', () => {
    expect(bus.hooks()).toEqual([]);
  });

  it('rejects a bad event name on emit and emitAndWait too', async () => {
    const untyped = bus as unknown as {
      emit(e: unknown, p: unknown): Promise<unknown>;
      emitAndWait(e: unknown, p: unknown): Promise<unknown>;
    };
    expect(() => untyped.emit('', {})).toThrowError(
      expect.objectContaining({ code: 'ZRX_HOOK_INVALID_EVENT' }),
    );
    expect(() => untyped.emitAndWait(1, {})).toThrowError(
      expect.objectContaining({ code: 'ZRX_HOOK_INVALID_EVENT' }),
    );
  });

  it('rejects a bad owner for releaseOwner and a non-function alert listener', () => {
    expect(thrown(() => bus.releaseOwner(''))).toMatchObject({ argument: 'owner' });
    expect(thrown(() => bus.onAlert('x' as unknown as () => void))).toMatchObject({
      argument: 'listener',
    });
  });
});

describe('bad bus options', () => {
  it.each<[string, unknown]>([
    ['options.queueCapacity', { queueCapacity: 0 }],
    ['options.queueCapacity', { queueCapacity: 1.5 }],
    ['options.backpressureMs', { backpressureMs: -5 }],
    ['options.defaultTimeoutMs', { defaultTimeoutMs: -10 }],
    ['options.defaultTimeoutMs', { defaultTimeoutMs: 0 }],
    ['options.breaker.failures', { breaker: { failures: 0 } }],
    ['options.breaker.windowMs', { breaker: { windowMs: -1 } }],
    ['options.breaker.openMs', { breaker: { openMs: Number.NaN } }],
    ['options.historySize', { historySize: -1 }],
    ['options.historyPerEvent', { historyPerEvent: 2.5 }],
    ['options.clock', { clock: 'now' }],
    ['options.concurrency', { concurrency: 0 }],
    ['options.maxWaiting', { maxWaiting: -1 }],
    ['options.maxDepth', { maxDepth: 0 }],
    ['options.onAlert', { onAlert: 1 }],
    ['options', 5],
  ])('%s is rejected by name', (argument, options) => {
    const error = thrown(() => new HookBus(options as HookBusOptions));
    expect(error).toMatchObject({ code: 'ZRX_HOOK_INVALID_OPTION', argument });
    expect(error.message).toContain(argument);
    expect(error.hint).toContain(argument);
  });

  it('accepts the documented defaults explicitly', () => {
    const bus = new HookBus({
      queueCapacity: 1000,
      backpressureMs: 5000,
      defaultTimeoutMs: 10_000,
      breaker: { failures: 5, windowMs: 300_000, openMs: 60_000 },
      historySize: 100,
      historyPerEvent: 20,
      clock: () => performance.now(),
    });
    expect(bus.stats().capacity).toBe(1000);
  });

  it('a hook without timeoutMs gets the bus default', () => {
    const bus = new HookBus<TestEvents>({ defaultTimeoutMs: 1234 });
    bus.on('ping', () => {}, { id: 'x' });
    expect(bus.hooks()[0]?.timeoutMs).toBe(1234);
  });
});
