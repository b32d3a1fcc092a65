import { describe, expect, it } from 'vitest';
import { alertRecorder, deferred, type TestEvents } from '../test/helpers.js';
import { HookBus, HookError } from './index.js';

describe('HookBus registration and direct dispatch', () => {
  it('runs hooks by priority (higher first), ties in registration order', async () => {
    const bus = new HookBus<TestEvents>();
    const order: string[] = [];
    bus.on('ping', () => order.push('a0'), { id: 'a0' });
    bus.on('ping', () => order.push('b5'), { id: 'b5', priority: 5 });
    bus.on('ping', () => order.push('c0'), { id: 'c0' });
    bus.on('ping', () => order.push('d-1'), { id: 'd-1', priority: -1 });
    bus.on('ping', () => order.push('e5'), { id: 'e5', priority: 5 });
    const result = await bus.emitAndWait('ping', { n: 1 });
    expect(order).toEqual(['b5', 'e5', 'a0', 'c0', 'd-1']);
    expect(result.outcomes.map((o) => o.hookId)).toEqual(['b5', 'e5', 'a0', 'c0', 'd-1']);
    expect(result).toMatchObject({ event: 'ping', mode: 'direct', ok: true, succeeded: 5 });
  });

  it('runs async hooks one after another in priority order', async () => {
    const bus = new HookBus<TestEvents>();
    const order: string[] = [];
    bus.on(
      'ping',
      async () => {
        order.push('high:start');
        await new Promise((r) => setImmediate(r));
        order.push('high:end');
      },
      { id: 'high', priority: 1 },
    );
    bus.on('ping', () => order.push('low'), { id: 'low' });
    await bus.emitAndWait('ping', { n: 1 });
    expect(order).toEqual(['high:start', 'high:end', 'low']);
  });

  it('passes payload and context, and keeps each hook value in its outcome', async () => {
    const bus = new HookBus<TestEvents>();
    const seen: unknown[] = [];
    bus.on(
      'ping',
      function doubler(p, ctx) {
        seen.push(ctx.event, ctx.hookId, ctx.owner, ctx.depth);
        return p.n * 2;
      },
      { owner: 'math' },
    );
    bus.on('ping', async function asyncTripler(p) {
      return p.n * 3;
    });
    const result = await bus.emitAndWait('ping', { n: 7 });
    expect(seen).toEqual(['ping', 'ping:doubler', 'math', 0]);
    expect(result.outcomes.map((o) => [o.hookId, o.value])).toEqual([
      ['ping:doubler', 14],
      ['ping:asyncTripler', 21],
    ]);
  });

  it('derives ids from handler names and numbers anonymous handlers', () => {
    const bus = new HookBus<TestEvents>();
    bus.on('ping', function named() {});
    bus.on('ping', () => {});
    const anon = () => {};
    bus.on('pong', anon); // an arrow assigned to a const is named "anon"
    expect(bus.hooks().map((h) => h.id)).toEqual(['ping:named', 'ping:anonymous#1', 'pong:anon']);
  });

  it('rejects a duplicate id with a coded error naming options.id', () => {
    const bus = new HookBus<TestEvents>();
    bus.on('ping', function same() {}, { owner: 'x' });
    const error = catchError(() => bus.on('ping', function same() {}));
    expect(error).toMatchObject({ code: 'ZRX_HOOK_DUPLICATE_ID', argument: 'options.id' });
    expect(error.message).toContain('ping:same');
    expect(error.message).toContain('owner "x"');
    expect(error.hint).toMatch(/options\.id/);
  });

  it('off() removes the hook; an empty event dispatches nothing', async () => {
    const bus = new HookBus<TestEvents>();
    let calls = 0;
    const off = bus.on('ping', () => calls++, { id: 'h' });
    off();
    off(); // idempotent
    const result = await bus.emitAndWait('ping', { n: 1 });
    expect(calls).toBe(0);
    expect(result.outcomes).toEqual([]);
    expect(bus.hooks()).toEqual([]);
    bus.on('ping', () => {}, { id: 'h' }); // the id is free again
  });

  it('a hook removed during a dispatch still runs in that dispatch (snapshot), not after', async () => {
    const bus = new HookBus<TestEvents>();
    let lateCalls = 0;
    let offLate = () => {};
    bus.on('ping', () => offLate(), { id: 'remover', priority: 1 });
    offLate = bus.on('ping', () => lateCalls++, { id: 'late' });
    await bus.emitAndWait('ping', { n: 1 });
    await bus.emitAndWait('ping', { n: 1 });
    expect(lateCalls).toBe(1);
  });

  it('collects failures without stopping the other hooks (emittery-style)', async () => {
    const bus = new HookBus<TestEvents>();
    const ran: string[] = [];
    const boom = new Error('boom');
    bus.on(
      'ping',
      () => {
        throw boom;
      },
      { id: 'thrower', priority: 2 },
    );
    bus.on('ping', async () => Promise.reject('rejected string'), { id: 'rejecter', priority: 1 });
    bus.on('ping', () => ran.push('survivor'), { id: 'survivor' });
    const result = await bus.emitAndWait('ping', { n: 1 });
    expect(ran).toEqual(['survivor']);
    expect(result).toMatchObject({ ok: false, failed: 2, succeeded: 1 });
    expect(result.outcomes[0]).toMatchObject({ status: 'error', error: boom });
    expect(result.outcomes[1]).toMatchObject({ status: 'error', error: 'rejected string' });
  });

  it('disable skips and counts; enable restores; unknown ids are coded errors', async () => {
    const bus = new HookBus<TestEvents>();
    let calls = 0;
    bus.on('ping', () => calls++, { id: 'h' });
    bus.disable('h');
    const skipped = await bus.emitAndWait('ping', { n: 1 });
    expect(skipped.outcomes[0]?.status).toBe('skipped-disabled');
    expect(skipped).toMatchObject({ ok: true, skipped: 1 });
    expect(bus.hooks()[0]).toMatchObject({ enabled: false, metrics: { skippedDisabled: 1 } });
    bus.enable('h');
    await bus.emitAndWait('ping', { n: 1 });
    expect(calls).toBe(1);
    for (const call of [
      () => bus.disable('nope'),
      () => bus.enable('nope'),
      () => bus.resetBreaker('nope'),
    ]) {
      expect(catchError(call)).toMatchObject({ code: 'ZRX_HOOK_UNKNOWN_ID', argument: 'hookId' });
    }
  });

  it('keeps per-hook metrics', async () => {
    const bus = new HookBus<TestEvents>();
    let fail = false;
    bus.on(
      'ping',
      () => {
        if (fail) throw new TypeError('bad payload');
      },
      { id: 'm' },
    );
    await bus.emitAndWait('ping', { n: 1 });
    fail = true;
    await bus.emitAndWait('ping', { n: 1 });
    const { metrics } = bus.hooks()[0]!;
    expect(metrics).toMatchObject({ calls: 2, successes: 1, failures: 1, timeouts: 0 });
    expect(metrics.lastError?.message).toBe('TypeError: bad payload');
    expect(metrics.p95DurationMs).toBeGreaterThanOrEqual(0);
    expect(metrics.avgDurationMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps the last historySize dispatches overall and historyPerEvent per event', async () => {
    const bus = new HookBus<TestEvents>({ historySize: 3, historyPerEvent: 2 });
    bus.on('ping', () => {});
    for (let n = 0; n < 4; n++) await bus.emitAndWait('ping', { n });
    await bus.emitAndWait('other', { text: 'rare' });
    for (let n = 0; n < 3; n++) await bus.emitAndWait('pong', { n });
    expect(bus.history().map((r) => r.event)).toEqual(['pong', 'pong', 'pong']);
    expect(bus.history({ event: 'ping' })).toHaveLength(2);
    // The rare event survives in its own ring although the chatty one evicted it overall.
    expect(bus.history({ event: 'other' })).toHaveLength(1);
    expect(bus.history({ limit: 1 })).toHaveLength(1);
    expect(bus.history({ event: 'nope' })).toEqual([]);
    expect(catchError(() => bus.history({ limit: -1 }))).toMatchObject({
      code: 'ZRX_HOOK_INVALID_OPTION',
      argument: 'filter.limit',
    });
  });

  it('releaseOwner removes exactly the hooks of that owner and returns the count', async () => {
    const bus = new HookBus<TestEvents>();
    bus.on('ping', () => {}, { id: 'a1', owner: 'a' });
    bus.on('pong', () => {}, { id: 'a2', owner: 'a' });
    bus.on('ping', () => {}, { id: 'b1', owner: 'b' });
    bus.on('ping', () => {}, { id: 'free' });
    expect(bus.releaseOwner('a')).toBe(2);
    expect(bus.releaseOwner('a')).toBe(0);
    expect(bus.hooks().map((h) => h.id)).toEqual(['b1', 'free']);
  });
});

describe('HookBus queue', () => {
  it('emit accepts at once when there is room and drain waits for the dispatch', async () => {
    const bus = new HookBus<TestEvents>();
    const got: number[] = [];
    bus.on('ping', async (p) => {
      await new Promise((r) => setImmediate(r));
      got.push(p.n);
    });
    const receipt = await bus.emit('ping', { n: 1 });
    expect(receipt).toEqual({ accepted: true, dropped: false, waitedMs: 0 });
    await bus.drain();
    expect(got).toEqual([1]);
    const [record] = bus.history({ event: 'ping' });
    expect(record).toMatchObject({ mode: 'queued', ok: true });
    expect(record?.queueDelayMs).toBeGreaterThanOrEqual(0);
    expect(bus.stats()).toMatchObject({ queued: 0, accepted: 1, dispatched: 1, dropped: 0 });
    expect(bus.stats().events.ping).toEqual({
      accepted: 1,
      dropped: 0,
      dispatched: 1,
      hookFailures: 0,
    });
  });

  it('starts queued events in FIFO order; concurrency 1 runs them strictly in turn', async () => {
    const bus = new HookBus<TestEvents>({ concurrency: 1 });
    const log: string[] = [];
    bus.on('ping', async (p) => {
      log.push(`start ${p.n}`);
      await new Promise((r) => setImmediate(r));
      log.push(`end ${p.n}`);
    });
    for (let n = 0; n < 3; n++) await bus.emit('ping', { n });
    await bus.drain();
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('a hanging hook holds one slot, not the whole queue (no head-of-line blocking)', async () => {
    const bus = new HookBus<TestEvents>({ concurrency: 2 });
    const gate = deferred();
    const done: number[] = [];
    bus.on('ping', async (p) => {
      if (p.n === 0) await gate.promise;
      done.push(p.n);
    });
    for (let n = 0; n < 4; n++) await bus.emit('ping', { n });
    while (done.length < 3) await new Promise((r) => setImmediate(r));
    expect(done).toEqual([1, 2, 3]);
    gate.resolve();
    await bus.drain();
    expect(done).toEqual([1, 2, 3, 0]);
  });

  it('backpressure: a full queue makes emit wait, and freed room accepts it', async () => {
    const alerts = alertRecorder();
    const bus = new HookBus<TestEvents>({
      queueCapacity: 1,
      concurrency: 1,
      onAlert: alerts.listener,
    });
    const gate = deferred();
    bus.on('ping', () => gate.promise);
    await bus.emit('ping', { n: 0 }); // dispatched next turn, then hangs on the gate
    await new Promise((r) => setImmediate(r));
    await bus.emit('ping', { n: 1 }); // fills the queue
    const waiting = bus.emit('ping', { n: 2 });
    expect(bus.stats()).toMatchObject({ queued: 1, waiting: 1, inFlight: 1 });
    expect(alerts.ofType('queue_full')).toHaveLength(1);
    gate.resolve();
    const receipt = await waiting;
    expect(receipt).toMatchObject({ accepted: true, dropped: false });
    expect(receipt.waitedMs).toBeGreaterThanOrEqual(0);
    await bus.drain();
    expect(bus.stats()).toMatchObject({ accepted: 3, dropped: 0, dispatched: 3 });
  });

  it('drops after backpressureMs, counts it and raises event_dropped', async () => {
    const alerts = alertRecorder();
    const bus = new HookBus<TestEvents>({
      queueCapacity: 1,
      concurrency: 1,
      backpressureMs: 5,
      onAlert: alerts.listener,
    });
    const gate = deferred();
    bus.on('ping', () => gate.promise);
    await bus.emit('ping', { n: 0 });
    await new Promise((r) => setImmediate(r));
    await bus.emit('ping', { n: 1 });
    const receipt = await bus.emit('ping', { n: 2 });
    expect(receipt).toMatchObject({ accepted: false, dropped: true, reason: 'queue_full' });
    expect(alerts.ofType('event_dropped')[0]).toMatchObject({ event: 'ping', droppedTotal: 1 });
    expect(bus.stats()).toMatchObject({ dropped: 1 });
    expect(bus.stats().events.ping?.dropped).toBe(1);
    gate.resolve();
    await bus.drain();
    expect(bus.stats().dispatched).toBe(2);
  });

  it('backpressureMs 0 drops at once; maxWaiting caps the waiters', async () => {
    const noWait = new HookBus<TestEvents>({ queueCapacity: 1, backpressureMs: 0 });
    noWait.emit('ping', { n: 0 });
    expect(await noWait.emit('ping', { n: 1 })).toMatchObject({
      dropped: true,
      reason: 'queue_full',
    });

    const capped = new HookBus<TestEvents>({ queueCapacity: 1, maxWaiting: 1 });
    capped.emit('ping', { n: 0 });
    const waiter = capped.emit('ping', { n: 1 });
    expect(await capped.emit('ping', { n: 2 })).toMatchObject({ reason: 'too_many_waiting' });
    expect(await waiter).toMatchObject({ accepted: true });
    await Promise.all([noWait.drain(), capped.drain()]);
  });

  it('close stops intake, drops waiters, and still dispatches what was accepted', async () => {
    const bus = new HookBus<TestEvents>({ queueCapacity: 1 });
    const got: number[] = [];
    bus.on('ping', (p) => {
      got.push(p.n);
    });
    bus.emit('ping', { n: 0 });
    const waiter = bus.emit('ping', { n: 1 });
    await bus.close();
    expect(await waiter).toMatchObject({ dropped: true, reason: 'closed' });
    expect(got).toEqual([0]);
    expect(await bus.emit('ping', { n: 2 })).toMatchObject({ dropped: true, reason: 'closed' });
    await expect(bus.emitAndWait('ping', { n: 3 })).rejects.toMatchObject({
      code: 'ZRX_HOOK_BUS_CLOSED',
    });
    expect(bus.stats().closed).toBe(true);
  });
});

function catchError(fn: () => unknown): HookError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HookError) return error;
    throw error;
  }
  throw new Error('expected a HookError');
}
