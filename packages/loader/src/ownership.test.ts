import { describe, expect, it } from 'vitest';
import { LoaderError } from './errors.js';
import { OwnershipScope, withTimeout } from './ownership.js';

describe('OwnershipScope', () => {
  it('releases disposers newest first, once, and aborts its signal', async () => {
    const scope = new OwnershipScope('ext');
    const order: string[] = [];
    scope.onDispose(() => order.push('first'));
    scope.onDispose(async () => {
      order.push('second');
    });
    expect(scope.signal.aborted).toBe(false);
    expect(await scope.dispose(1_000)).toEqual([]);
    expect(order).toEqual(['second', 'first']);
    expect(scope.signal.aborted).toBe(true);
    expect(await scope.dispose(1_000)).toEqual([]);
    expect(order).toEqual(['second', 'first']);
  });

  it('own() understands dispose symbols, dispose/close/destroy methods and functions', async () => {
    const scope = new OwnershipScope('ext');
    const released: string[] = [];
    scope.own({ [Symbol.dispose]: () => released.push('sync-symbol') });
    scope.own({ [Symbol.asyncDispose]: async () => void released.push('async-symbol') });
    scope.own({ dispose: () => released.push('dispose') });
    scope.own({ close: () => released.push('close') });
    const socket = scope.own({ destroy: () => released.push('destroy') });
    scope.own(() => released.push('function'));
    expect(typeof socket.destroy).toBe('function');
    await scope.dispose(1_000);
    expect(released).toEqual([
      'function',
      'destroy',
      'close',
      'dispose',
      'async-symbol',
      'sync-symbol',
    ]);
  });

  it('rejects a value it cannot release', () => {
    const scope = new OwnershipScope('ext');
    expect(() => scope.own({} as never)).toThrow(LoaderError);
  });

  it('collects failing and hanging disposers without stopping the others', async () => {
    const scope = new OwnershipScope('ext');
    const released: string[] = [];
    scope.onDispose(() => released.push('kept'));
    scope.onDispose(() => new Promise(() => {}));
    scope.onDispose(() => {
      throw new Error('boom');
    });
    const failures = await scope.dispose(50);
    expect(released).toEqual(['kept']);
    expect(failures.map((f) => f.index).sort()).toEqual([1, 2]);
    expect(String(failures.find((f) => f.index === 2)?.error)).toContain('boom');
  });

  it('an early release runs the disposer and removes it', async () => {
    const scope = new OwnershipScope('ext');
    let count = 0;
    const release = scope.onDispose(() => count++);
    release();
    release();
    expect(scope.size).toBe(0);
    await scope.dispose(1_000);
    expect(count).toBe(1);
  });

  it('after release, a late registration is released at once and reported', async () => {
    const scope = new OwnershipScope('late');
    await scope.dispose(1_000);
    let released = false;
    const error = (() => {
      try {
        scope.onDispose(() => {
          released = true;
        });
      } catch (e) {
        return e as LoaderError;
      }
      return undefined;
    })();
    expect(released).toBe(true);
    expect(error?.code).toBe('ZRX_EXT_SCOPE_CLOSED');
    expect(error?.message).toContain('"late"');
  });
});

describe('withTimeout', () => {
  it('rejects with a TimeoutError naming the operation', async () => {
    await expect(withTimeout(new Promise(() => {}), 20, 'setup of "x"')).rejects.toThrow(
      'setup of "x" did not finish within 20 ms',
    );
  });

  it('passes values and errors through', async () => {
    await expect(withTimeout(Promise.resolve(3), 1_000, 'x')).resolves.toBe(3);
    await expect(withTimeout(Promise.reject(new Error('no')), 1_000, 'x')).rejects.toThrow('no');
  });
});
