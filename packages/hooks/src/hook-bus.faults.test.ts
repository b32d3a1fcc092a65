import { describe, expect, it } from 'vitest';
import { alertRecorder, deferred, type TestEvents } from '../test/helpers.js';
import { HookBus, HookError } from './index.js';

const never = () => new Promise<never>(() => {});

describe('fault injection: hooks that misbehave', () => {
  it('throwing anything (non-Errors too) is a recorded failure; later hooks still run', async () => {
    const bus = new HookBus<TestEvents>();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const thrown: unknown[] = [
      new RangeError('range'),
      'a string',
      undefined,
      null,
      42,
      { code: 'E_OBJ' },
      Symbol('sym'),
      circular,
    ];
    thrown.forEach((value, i) => {
      bus.on(
        'ping',
        () => {
          throw value;
        },
        { id: `t${i}` },
      );
    });
    let survivor = 0;
    bus.on('ping', () => survivor++, { id: 'survivor', priority: -1 });
    const result = await bus.emitAndWait('ping', { n: 1 });
    expect(result.failed).toBe(thrown.length);
    expect(result.outcomes.slice(0, -1).map((o) => o.error)).toEqual(thrown);
    expect(survivor).toBe(1);
    const messages = bus
      .hooks()
      .slice(0, -1)
      .map((h) => h.metrics.lastError?.message);
    expect(messages).toEqual([
      'RangeError: range',
      'a string',
      'non-Error thrown: undefined',
      'non-Error thrown: null',
      'non-Error thrown: 42',
      'non-Error thrown: {"code":"E_OBJ"}',
      'non-Error thrown: Symbol(sym)',
      'non-Error thrown: [object Object]',
    ]);
  });

  it('a hook that hangs forever times out, is aborted, and does not hold the others', async () => {
    const bus = new HookBus<TestEvents>();
    let aborted: unknown;
    bus.on(
      'ping',
      (_p, ctx) => {
        ctx.signal.addEventListener('abort', () => {
          aborted = ctx.signal.reason;
        });
        return never();
      },
      { id: 'hang', timeoutMs: 15, priority: 1 },
    );
    let after = 0;
    bus.on('ping', () => after++, { id: 'after' });
    const result = await bus.emitAndWait('ping', { n: 1 });
    expect(result.outcomes[0]).toMatchObject({ hookId: 'hang', status: 'timeout', durationMs: 15 });
    const error = result.outcomes[0]?.error;
    expect(error).toBeInstanceOf(HookError);
    expect(error).toMatchObject({ code: 'ZRX_HOOK_TIMEOUT' });
    expect((error as HookError).message).toContain('"hang"');
    expect(aborted).toBe(error);
    expect(after).toBe(1);
    expect(bus.hooks()[0]?.metrics).toMatchObject({ calls: 1, failures: 1, timeouts: 1 });
  });

  it('a slow hook past its timeout counts once; its late result is ignored', async () => {
    const bus = new HookBus<TestEvents>();
    const late = deferred<string>();
    bus.on('ping', () => late.promise, { id: 'slow', timeoutMs: 5 });
    const result = await bus.emitAndWait('ping', { n: 1 });
    expect(result.outcomes[0]?.status).toBe('timeout');
    late.resolve('too late');
    await late.promise;
    await new Promise((r) => setImmediate(r));
    expect(bus.hooks()[0]?.metrics).toMatchObject({ calls: 1, successes: 0, failures: 1 });
    expect(bus.history()).toHaveLength(1);
  });

  it('a slow hook inside its timeout succeeds', async () => {
    const bus = new HookBus<TestEvents>();
    bus.on('ping', () => new Promise((r) => setTimeout(() => r('done'), 5)), { timeoutMs: 10_000 });
    const result = await bus.emitAndWait('ping', { n: 1 });
    expect(result.outcomes[0]).toMatchObject({ status: 'ok', value: 'done' });
  });

  it('five hangs open the breaker; the bus then skips the hook without waiting', async () => {
    const alerts = alertRecorder();
    const bus = new HookBus<TestEvents>({ onAlert: alerts.listener });
    bus.on('ping', never, { id: 'hang', timeoutMs: 5 });
    for (let i = 0; i < 5; i++) await bus.emitAndWait('ping', { n: i });
    expect(alerts.ofType('breaker_opened')).toHaveLength(1);
    const skipped = await bus.emitAndWait('ping', { n: 5 });
    expect(skipped.outcomes[0]?.status).toBe('skipped-open');
  });

  it('weird thenables: a throwing `then` getter fails; double callbacks count once', async () => {
    const bus = new HookBus<TestEvents>();
    bus.on(
      'ping',
      () => ({
        // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is what this test injects
        get then() {
          throw new Error('then getter');
        },
      }),
      { id: 'getter' },
    );
    bus.on(
      'ping',
      () => ({
        // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is what this test injects
        then(ok: (v: string) => void, fail: (e: unknown) => void) {
          ok('first');
          ok('second');
          fail(new Error('third'));
        },
      }),
      { id: 'double' },
    );
    const result = await bus.emitAndWait('ping', { n: 1 });
    expect(result.outcomes.map((o) => o.status)).toEqual(['error', 'ok']);
    expect(result.outcomes[1]?.value).toBe('first');
    expect(bus.hooks()[1]?.metrics).toMatchObject({ calls: 1, successes: 1, failures: 0 });
  });

  it('close never waits on a hanging hook past its timeout', async () => {
    const bus = new HookBus<TestEvents>();
    bus.on('ping', never, { timeoutMs: 10 });
    await bus.emit('ping', { n: 1 });
    await bus.close();
    expect(bus.history()[0]?.outcomes[0]?.status).toBe('timeout');
  });
});

describe('fault injection: recursion', () => {
  it('a sync hook re-emitting through the bus is cut at maxDepth, not by a stack overflow', async () => {
    const bus = new HookBus<TestEvents>({ maxDepth: 8 });
    let calls = 0;
    bus.on(
      'ping',
      (p) => {
        calls++;
        return bus.emitAndWait('ping', { n: p.n + 1 });
      },
      { id: 'loop' },
    );
    const result = await bus.emitAndWait('ping', { n: 0 });
    expect(calls).toBe(8);
    expect(result.ok).toBe(true);
    const deepest = bus.history().find((r) => !r.ok);
    expect(deepest?.outcomes[0]?.error).toMatchObject({ code: 'ZRX_HOOK_RECURSION_LIMIT' });
  });

  it('async re-emits through ctx.emitAndWait (after an await) are cut at maxDepth too', async () => {
    const bus = new HookBus<TestEvents>({ maxDepth: 5 });
    const depths: number[] = [];
    bus.on('ping', async (p, ctx) => {
      depths.push(ctx.depth);
      await new Promise((r) => setImmediate(r));
      const inner = await ctx.emitAndWait('pong', { n: p.n + 1 });
      return inner.ok;
    });
    bus.on('pong', async (p, ctx) => {
      depths.push(ctx.depth);
      await Promise.resolve();
      return ctx.emitAndWait('ping', { n: p.n + 1 });
    });
    await bus.emitAndWait('ping', { n: 0 });
    expect(depths).toEqual([0, 1, 2, 3, 4]);
  });

  it('a hook that re-queues its own event forever cannot starve the bus; close ends it', async () => {
    const bus = new HookBus<TestEvents>();
    let loops = 0;
    const looping = deferred();
    bus.on('ping', async (p, ctx) => {
      if (++loops === 50) looping.resolve();
      await ctx.emit('ping', { n: p.n + 1 });
    });
    let other = 0;
    bus.on('other', () => other++);
    await bus.emit('ping', { n: 0 });
    await looping.promise;
    // Other work still gets through while the loop spins.
    await bus.emitAndWait('other', { text: 'direct' });
    await bus.emit('other', { text: 'queued' });
    const immediate = new Promise((r) => setImmediate(r));
    await immediate;
    await bus.close();
    expect(other).toBe(2);
    expect(bus.stats().dropped).toBeGreaterThanOrEqual(1); // the loop's last emit, refused by close
  });
});

describe('fault injection: flood', () => {
  it('100,000 fire-and-forget emits: bounded queue and waiters, every accepted event dispatched', async () => {
    const alerts = alertRecorder();
    // A long backpressure window, so a loaded CI machine cannot turn waiters into drops.
    const bus = new HookBus<TestEvents>({ backpressureMs: 60_000, onAlert: alerts.listener });
    let handled = 0;
    bus.on('ping', () => {
      handled++;
    });
    const receipts = [];
    for (let n = 0; n < 100_000; n++) receipts.push(bus.emit('ping', { n }));
    const during = bus.stats();
    expect(during.queued).toBeLessThanOrEqual(1000);
    expect(during.waiting).toBeLessThanOrEqual(10_000);
    // The event loop keeps turning while the flood is dispatched.
    let loopTurned = false;
    setImmediate(() => {
      loopTurned = true;
    });
    const settled = await Promise.all(receipts);
    await bus.drain();
    const accepted = settled.filter((r) => r.accepted).length;
    const dropped = settled.filter((r) => r.dropped).length;
    expect(accepted + dropped).toBe(100_000);
    expect(accepted).toBeGreaterThanOrEqual(11_000); // queue + every waiter got in
    expect(handled).toBe(accepted); // nothing accepted was lost
    expect(loopTurned).toBe(true);
    const stats = bus.stats();
    expect(stats).toMatchObject({ accepted, dropped, queued: 0, waiting: 0, inFlight: 0 });
    expect(alerts.ofType('event_dropped')).toHaveLength(dropped);
    expect(alerts.ofType('queue_full').length).toBeGreaterThanOrEqual(1);
    expect(bus.history().length).toBeLessThanOrEqual(100);
  });

  it('100,000 awaited emits are all accepted and dispatched while direct emits stay served', async () => {
    const bus = new HookBus<TestEvents>();
    let handled = 0;
    bus.on('ping', () => {
      handled++;
    });
    let direct = 0;
    bus.on('other', () => direct++);
    for (let n = 0; n < 100_000; n++) {
      const receipt = await bus.emit('ping', { n });
      if (!receipt.accepted) throw new Error(`emit ${n} was not accepted`);
      if (n % 10_000 === 0) await bus.emitAndWait('other', { text: String(n) });
    }
    await bus.drain();
    expect(handled).toBe(100_000);
    expect(direct).toBe(10);
    expect(bus.stats()).toMatchObject({ accepted: 100_000, dropped: 0, dispatched: 100_010 });
  });
});

describe('fault injection: the dispatcher itself', () => {
  it('a crash in the dispatch loop restarts it with an alert; later events still flow', async () => {
    const alerts = alertRecorder();
    let breakNextCall = false;
    const clock = () => {
      if (breakNextCall) {
        breakNextCall = false;
        throw new Error('clock broke');
      }
      return performance.now();
    };
    const bus = new HookBus<TestEvents>({ clock, onAlert: alerts.listener });
    const got: number[] = [];
    bus.on('ping', (p) => {
      got.push(p.n);
    });
    await bus.emit('ping', { n: 1 });
    breakNextCall = true; // the dispatcher's next clock read throws
    const restarted = alerts.next('dispatcher_restarted');
    expect(await restarted).toMatchObject({ attempt: 1, error: 'Error: clock broke' });
    await bus.emit('ping', { n: 2 });
    await bus.drain();
    expect(got).toEqual([2]); // 1 was recorded as crashed, not retried
    const crashed = bus.history({ event: 'ping' })[0];
    expect(crashed?.outcomes[0]?.error).toMatchObject({ code: 'ZRX_HOOK_DISPATCH_CRASHED' });
    expect(bus.stats().dispatcherRestarts).toBe(1);
  });

  it('a crash after an async hook (in the continuation) also restarts the loop', async () => {
    const alerts = alertRecorder();
    let breakNextCall = false;
    const clock = () => {
      if (breakNextCall) {
        breakNextCall = false;
        throw new Error('clock broke later');
      }
      return performance.now();
    };
    const bus = new HookBus<TestEvents>({ clock, onAlert: alerts.listener });
    const gate = deferred();
    bus.on('ping', () => gate.promise);
    await bus.emit('ping', { n: 1 });
    await new Promise((r) => setImmediate(r));
    breakNextCall = true;
    gate.resolve();
    expect(await alerts.next('dispatcher_restarted')).toMatchObject({
      error: 'Error: clock broke later',
    });
    await bus.drain();
    expect(bus.stats().inFlight).toBe(0);
  });

  it('emitAndWait turns a crash into a rejection, never a synchronous throw', async () => {
    let broken = false;
    const bus = new HookBus<TestEvents>({
      clock: () => {
        if (broken) throw new Error('clock broke');
        return 0;
      },
    });
    bus.on('ping', () => {});
    broken = true;
    const pending = bus.emitAndWait('ping', { n: 1 });
    await expect(pending).rejects.toThrow('clock broke');
  });

  it('a throwing alert listener is counted and changes nothing else', async () => {
    const bus = new HookBus<TestEvents>({ queueCapacity: 1, backpressureMs: 0 });
    bus.onAlert(() => {
      throw new Error('listener bug');
    });
    const seen = alertRecorder();
    const off = bus.onAlert(seen.listener);
    bus.emit('ping', { n: 0 });
    expect(await bus.emit('ping', { n: 1 })).toMatchObject({ dropped: true });
    expect(seen.ofType('event_dropped')).toHaveLength(1);
    off();
    bus.emit('ping', { n: 2 });
    expect(seen.alerts).toHaveLength(2); // queue_full + event_dropped, nothing after off()
    expect(bus.stats().alertListenerErrors).toBeGreaterThanOrEqual(2);
    await bus.drain();
  });
});
