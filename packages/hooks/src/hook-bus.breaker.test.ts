import { describe, expect, it } from 'vitest';
import { alertRecorder, deferred, fakeClock, type TestEvents } from '../test/helpers.js';
import { HookBus } from './index.js';

const MINUTE = 60_000;

/** A bus on a fake clock with one hook whose behaviour the test switches. */
function setup() {
  const clock = fakeClock();
  const alerts = alertRecorder();
  const bus = new HookBus<TestEvents>({ clock: clock.now, onAlert: alerts.listener });
  let mode: 'ok' | 'throw' = 'throw';
  let calls = 0;
  bus.on(
    'ping',
    () => {
      calls++;
      if (mode === 'throw') throw new Error(`failure ${calls}`);
      return 'fine';
    },
    { id: 'flaky' },
  );
  const info = () => bus.hooks()[0]!;
  return {
    bus,
    clock,
    alerts,
    info,
    calls: () => calls,
    set: (m: 'ok' | 'throw') => {
      mode = m;
    },
  };
}

describe('HookBus circuit breaker (default 5 failures / 5 min → open 60 s)', () => {
  it('opens after 5 failures within 5 minutes and skips (and counts) calls while open', async () => {
    const t = setup();
    for (let i = 0; i < 5; i++) {
      expect(t.info().breaker).toBe('closed');
      await t.bus.emitAndWait('ping', { n: i });
      t.clock.advance(MINUTE - 1); // 5 failures spread over ~4 minutes
    }
    expect(t.info().breaker).toBe('open');
    expect(t.alerts.ofType('breaker_opened')).toEqual([
      {
        type: 'breaker_opened',
        hookId: 'flaky',
        event: 'ping',
        failures: 5,
        openMs: MINUTE,
        lastError: 'Error: failure 5',
      },
    ]);
    t.clock.advance(-(MINUTE - 1)); // back to the moment it opened
    const skipped = await t.bus.emitAndWait('ping', { n: 9 });
    expect(skipped.outcomes[0]?.status).toBe('skipped-open');
    expect(t.calls()).toBe(5);
    expect(t.info().metrics).toMatchObject({ calls: 5, failures: 5, skippedOpen: 1 });
  });

  it('does not open when the failures are spread over more than 5 minutes', async () => {
    const t = setup();
    for (let i = 0; i < 10; i++) {
      await t.bus.emitAndWait('ping', { n: i });
      t.clock.advance(76 * 1000); // 5 failures span 5 min 4 s
    }
    expect(t.info().breaker).toBe('closed');
    expect(t.alerts.ofType('breaker_opened')).toEqual([]);
    expect(t.calls()).toBe(10);
  });

  it('half-open after 60 s: one trial; success closes and clears the failure window', async () => {
    const t = setup();
    for (let i = 0; i < 5; i++) await t.bus.emitAndWait('ping', { n: i });
    t.clock.advance(MINUTE - 1);
    expect(t.info().breaker).toBe('open');
    t.clock.advance(1);
    expect(t.info().breaker).toBe('half-open');
    t.set('ok');
    const trial = await t.bus.emitAndWait('ping', { n: 0 });
    expect(trial.outcomes[0]?.status).toBe('ok');
    expect(t.info().breaker).toBe('closed');
    expect(t.alerts.ofType('breaker_closed')).toEqual([
      { type: 'breaker_closed', hookId: 'flaky', event: 'ping', reason: 'trial_succeeded' },
    ]);
    // The window was cleared: four new failures are not enough to re-open.
    t.set('throw');
    for (let i = 0; i < 4; i++) await t.bus.emitAndWait('ping', { n: i });
    expect(t.info().breaker).toBe('closed');
  });

  it('a failed trial re-opens for another 60 s', async () => {
    const t = setup();
    for (let i = 0; i < 5; i++) await t.bus.emitAndWait('ping', { n: i });
    t.clock.advance(MINUTE);
    await t.bus.emitAndWait('ping', { n: 0 }); // the trial, fails
    expect(t.info().breaker).toBe('open');
    expect(t.alerts.ofType('breaker_opened')).toHaveLength(2);
    t.clock.advance(MINUTE - 1);
    expect((await t.bus.emitAndWait('ping', { n: 0 })).outcomes[0]?.status).toBe('skipped-open');
    t.clock.advance(1);
    expect(t.info().breaker).toBe('half-open');
  });

  it('lets only ONE trial through while it is still running', async () => {
    const clock = fakeClock();
    const bus = new HookBus<TestEvents>({ clock: clock.now });
    const gate = deferred();
    let calls = 0;
    let failing = true;
    bus.on(
      'ping',
      async () => {
        calls++;
        if (failing) throw new Error('down');
        await gate.promise;
      },
      { id: 'slow' },
    );
    for (let i = 0; i < 5; i++) await bus.emitAndWait('ping', { n: i });
    clock.advance(MINUTE);
    failing = false;
    const trial = bus.emitAndWait('ping', { n: 0 });
    const during = await bus.emitAndWait('ping', { n: 1 });
    expect(during.outcomes[0]?.status).toBe('skipped-open');
    expect(bus.hooks()[0]?.breaker).toBe('half-open');
    gate.resolve();
    expect((await trial).outcomes[0]?.status).toBe('ok');
    expect(bus.hooks()[0]?.breaker).toBe('closed');
    expect(calls).toBe(6);
  });

  it('resetBreaker closes at once and alerts; enable leaves the breaker alone', async () => {
    const t = setup();
    for (let i = 0; i < 5; i++) await t.bus.emitAndWait('ping', { n: i });
    t.bus.disable('flaky');
    t.bus.enable('flaky');
    expect(t.info().breaker).toBe('open');
    t.bus.resetBreaker('flaky');
    expect(t.info().breaker).toBe('closed');
    expect(t.alerts.ofType('breaker_closed')).toEqual([
      { type: 'breaker_closed', hookId: 'flaky', event: 'ping', reason: 'reset' },
    ]);
    t.bus.resetBreaker('flaky'); // already closed: no second alert
    expect(t.alerts.ofType('breaker_closed')).toHaveLength(1);
    t.set('ok');
    expect((await t.bus.emitAndWait('ping', { n: 0 })).ok).toBe(true);
  });

  it('honours custom thresholds', async () => {
    const clock = fakeClock();
    const bus = new HookBus<TestEvents>({
      clock: clock.now,
      breaker: { failures: 2, windowMs: 1000, openMs: 10 * MINUTE },
    });
    bus.on(
      'ping',
      () => {
        throw new Error('x');
      },
      { id: 'h' },
    );
    await bus.emitAndWait('ping', { n: 0 });
    await bus.emitAndWait('ping', { n: 1 });
    clock.advance(9 * MINUTE);
    expect(bus.hooks()[0]?.breaker).toBe('open');
    clock.advance(MINUTE);
    expect(bus.hooks()[0]?.breaker).toBe('half-open');
  });
});
