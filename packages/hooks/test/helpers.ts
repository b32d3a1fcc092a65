import type { HookAlert } from '../src/index.js';

/** The event map the behaviour tests use. */
export interface TestEvents {
  ping: { n: number };
  pong: { n: number };
  other: { text: string };
}

/** A promise with its resolve exposed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A hand-driven clock for minutes-long windows. */
export function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Collects alerts; `next(type)` resolves on the next alert of that type. */
export function alertRecorder() {
  const alerts: HookAlert[] = [];
  const waiting: { type: HookAlert['type']; resolve: (a: HookAlert) => void }[] = [];
  const listener = (alert: HookAlert) => {
    alerts.push(alert);
    for (const w of waiting.splice(0)) {
      if (w.type === alert.type) w.resolve(alert);
      else waiting.push(w);
    }
  };
  const next = (type: HookAlert['type']) =>
    new Promise<HookAlert>((resolve) => waiting.push({ type, resolve }));
  const ofType = (type: HookAlert['type']) => alerts.filter((a) => a.type === type);
  return { alerts, listener, next, ofType };
}
