import { describe, expect, it } from 'vitest';
import { fakeClock, type TestEvents } from '../test/helpers.js';
import { HookBus, type HookBusState } from './index.js';

const MINUTE = 60_000;

function failing() {
  throw new Error('down');
}

describe('HookBus state across a hot reload', () => {
  it('releaseOwner keeps breaker, metrics and enabled flag for hooks re-registered with the same id', async () => {
    const clock = fakeClock();
    const bus = new HookBus<TestEvents>({ clock: clock.now });
    // Version 1 of the extension: its hook fails until the breaker opens; the operator disables another.
    bus.on('ping', failing, { id: 'ext:ping', owner: 'ext' });
    bus.on('pong', () => {}, { id: 'ext:pong', owner: 'ext' });
    for (let i = 0; i < 5; i++) await bus.emitAndWait('ping', { n: i });
    bus.disable('ext:pong');
    clock.advance(20_000);

    // The loader reloads: release, then version 2 registers the same ids.
    expect(bus.releaseOwner('ext')).toBe(2);
    let v2Calls = 0;
    bus.on('ping', () => v2Calls++, { id: 'ext:ping', owner: 'ext' });
    bus.on('pong', () => {}, { id: 'ext:pong', owner: 'ext' });

    const [ping, pong] = bus.hooks();
    expect(ping).toMatchObject({ breaker: 'open', metrics: { calls: 5, failures: 5 } });
    expect(pong?.enabled).toBe(false);
    await bus.emitAndWait('ping', { n: 0 });
    expect(v2Calls).toBe(0); // still open: the reload did not wipe the breaker
    clock.advance(40_000); // 60 s after opening
    await bus.emitAndWait('ping', { n: 0 });
    expect(v2Calls).toBe(1); // the trial, which succeeds with the fixed version
    expect(bus.hooks()[0]?.breaker).toBe('closed');
  });

  it('releaseOwner with keepState:false forgets, and off() always forgets', async () => {
    const bus = new HookBus<TestEvents>();
    bus.on('ping', failing, { id: 'a', owner: 'ext' });
    const off = bus.on('ping', failing, { id: 'b' });
    await bus.emitAndWait('ping', { n: 0 });
    bus.releaseOwner('ext', { keepState: false });
    off();
    bus.on('ping', () => {}, { id: 'a', owner: 'ext' });
    bus.on('ping', () => {}, { id: 'b' });
    expect(bus.hooks().map((h) => h.metrics.calls)).toEqual([0, 0]);
    expect(bus.exportState().hooks).not.toHaveProperty('x');
  });

  it('exportState → JSON → importState restores on another bus with another clock', async () => {
    const clockA = fakeClock(5_000_000);
    const a = new HookBus<TestEvents>({ clock: clockA.now });
    a.on('ping', failing, { id: 'p', owner: 'ext' });
    a.on('other', () => {}, { id: 'o', owner: 'other-ext' });
    for (let i = 0; i < 5; i++) await a.emitAndWait('ping', { n: i });
    clockA.advance(15_000);
    const json = JSON.stringify(a.exportState({ owner: 'ext' }));
    const state = JSON.parse(json) as HookBusState;
    expect(Object.keys(state.hooks)).toEqual(['p']);
    expect(state.hooks.p?.breaker).toMatchObject({ state: 'open', openRemainingMs: 45_000 });

    const clockB = fakeClock(10);
    const b = new HookBus<TestEvents>({ clock: clockB.now });
    b.importState(state); // before registration: kept for later
    b.on('ping', () => {}, { id: 'p' });
    expect(b.hooks()[0]).toMatchObject({ breaker: 'open', metrics: { failures: 5 } });
    clockB.advance(45_000);
    expect(b.hooks()[0]?.breaker).toBe('half-open');

    // Importing onto an already registered hook applies at once.
    const c = new HookBus<TestEvents>();
    c.on('ping', () => {}, { id: 'p' });
    c.importState(state);
    expect(c.hooks()[0]?.breaker).toBe('open');
  });

  it('exportState without a filter includes released hooks still waiting for re-registration', async () => {
    const bus = new HookBus<TestEvents>();
    bus.on('ping', failing, { id: 'gone', owner: 'ext' });
    await bus.emitAndWait('ping', { n: 0 });
    bus.releaseOwner('ext');
    expect(bus.exportState().hooks.gone?.metrics.failures).toBe(1);
    expect(bus.exportState({ owner: 'ext' }).hooks).toEqual({});
  });

  it('rejects malformed state with ZRX_HOOK_INVALID_STATE naming the field', () => {
    const bus = new HookBus<TestEvents>();
    const good = new HookBus<TestEvents>();
    good.on('ping', () => {}, { id: 'x' });
    const valid = good.exportState();
    const cases: [unknown, string][] = [
      [null, 'state must be an object'],
      [{ version: 2, hooks: {} }, 'state.version'],
      [{ version: 1, hooks: [] }, 'state.hooks'],
      [
        { version: 1, hooks: { x: { ...valid.hooks.x, enabled: 'yes' } } },
        'state.hooks["x"].enabled',
      ],
      [
        { version: 1, hooks: { x: { ...valid.hooks.x, breaker: { state: 'weird' } } } },
        'state.hooks["x"].breaker.state',
      ],
      [
        {
          version: 1,
          hooks: { x: { ...valid.hooks.x, metrics: { ...valid.hooks.x?.metrics, calls: -1 } } },
        },
        'state.hooks["x"].metrics.calls',
      ],
    ];
    for (const [state, field] of cases) {
      expect(() => bus.importState(state as HookBusState)).toThrowError(
        expect.objectContaining({
          code: 'ZRX_HOOK_INVALID_STATE',
          message: expect.stringContaining(field),
        }),
      );
    }
  });

  it('restores a minutes-long failure window: old failures still count after import', async () => {
    const clock = fakeClock();
    const a = new HookBus<TestEvents>({ clock: clock.now });
    a.on('ping', failing, { id: 'p' });
    for (let i = 0; i < 4; i++) {
      await a.emitAndWait('ping', { n: i });
      clock.advance(MINUTE);
    }
    const b = new HookBus<TestEvents>({ clock: clock.now });
    b.importState(a.exportState());
    b.on('ping', failing, { id: 'p' });
    await b.emitAndWait('ping', { n: 5 }); // 5th failure, oldest 4 minutes ago
    expect(b.hooks()[0]?.breaker).toBe('open');
  });
});
