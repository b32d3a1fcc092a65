import { describe, expectTypeOf, it } from 'vitest';
import {
  type DispatchResult,
  type EmitReceipt,
  type HookAlert,
  HookBus,
  type HookContext,
  type HookEvents,
  type HookInfo,
  type SerializedError,
} from './index.js';

// Layers above this package (the framework, the loader, extensions) augment the event map exactly
// like this; the map itself starts empty. These events exist only in this type test.
declare module './events.js' {
  interface HookEvents {
    level_up: { userId: string; guildId: string; level: number };
    member_joined: { guildId: string; name: string; memberCount: number };
    member_left: { guildId: string; name: string };
    task_failed: { error: SerializedError; errorId: string; guildId: string | null };
    app_ready: { userId: string; userTag: string; guildCount: number; shardIds: readonly number[] };
  }
}

describe('HookBus types', () => {
  it('types payloads from the augmented HookEvents map', () => {
    const bus = new HookBus();
    bus.on('level_up', (payload, ctx) => {
      expectTypeOf(payload).toEqualTypeOf<HookEvents['level_up']>();
      expectTypeOf(payload.level).toBeNumber();
      expectTypeOf(ctx).toEqualTypeOf<HookContext<HookEvents>>();
    });
    bus.on('member_joined', (g) => {
      expectTypeOf(g.guildId).toBeString();
      expectTypeOf(g.memberCount).toBeNumber();
    });
    bus.on('task_failed', (e) => {
      expectTypeOf(e.error.message).toBeString();
      expectTypeOf(e.errorId).toBeString();
      expectTypeOf(e.guildId).toEqualTypeOf<string | null>();
    });
    expectTypeOf(bus.emit('level_up', { userId: '1', guildId: '2', level: 3 })).toEqualTypeOf<
      Promise<EmitReceipt>
    >();
    expectTypeOf(
      bus.emitAndWait('app_ready', { userId: '1', userTag: 'bot#0', guildCount: 0, shardIds: [0] }),
    ).toEqualTypeOf<Promise<DispatchResult>>();
  });

  it('rejects unknown event names', () => {
    const bus = new HookBus();
    // @ts-expect-error: not an event in HookEvents
    bus.on('level_upp', () => {});
    // @ts-expect-error: not an event in HookEvents
    void bus.emit('no_such_event', {});
    // @ts-expect-error: not an event in HookEvents
    void bus.emitAndWait('member_join', { guildId: '1', name: 'x', memberCount: 1 });
  });

  it('rejects wrong payload shapes', () => {
    const bus = new HookBus();
    // @ts-expect-error: level must be a number
    void bus.emit('level_up', { userId: '1', guildId: '2', level: '3' });
    // @ts-expect-error: guildId is missing
    void bus.emit('member_left', { name: 'x' });
    // @ts-expect-error: ids are strings, not numbers
    void bus.emitAndWait('member_joined', { guildId: 1, name: 'x', memberCount: 1 });
    // @ts-expect-error: the handler reads a property the payload does not have
    bus.on('member_left', (g: { memberCount: number }) => g.memberCount);
  });

  it('works with a custom event map and types ctx re-emits', () => {
    interface Mine {
      a: { x: number };
      b: { y: string };
    }
    const bus = new HookBus<Mine>();
    bus.on('a', (p, ctx) => {
      expectTypeOf(p).toEqualTypeOf<{ x: number }>();
      void ctx.emit('b', { y: 'ok' });
      // @ts-expect-error: wrong payload for b
      void ctx.emitAndWait('b', { y: 1 });
      // @ts-expect-error: events of the augmented HookEvents are not in a custom map
      void ctx.emit('member_left', { guildId: '1', name: 'x' });
    });
    // @ts-expect-error: events of the augmented HookEvents are not in a custom map
    bus.on('app_ready', () => {});
  });

  it('types options, info and alerts', () => {
    const bus = new HookBus();
    // @ts-expect-error: priority is a number
    bus.on('member_left', () => {}, { priority: 'high' });
    // @ts-expect-error: unknown option
    bus.on('member_left', () => {}, { timeout: 5 });
    expectTypeOf(bus.hooks()).toEqualTypeOf<HookInfo[]>();
    expectTypeOf<HookInfo['breaker']>().toEqualTypeOf<'closed' | 'open' | 'half-open'>();
    expectTypeOf(bus.releaseOwner('ext')).toBeNumber();
    expectTypeOf(bus.on('member_left', () => {})).toEqualTypeOf<() => void>();
    bus.onAlert((alert) => {
      expectTypeOf(alert).toEqualTypeOf<HookAlert>();
      if (alert.type === 'breaker_opened') expectTypeOf(alert.hookId).toBeString();
    });
  });
});
