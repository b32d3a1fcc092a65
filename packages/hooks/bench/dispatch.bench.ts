import { EventEmitter } from 'node:events';
import {
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
  type IPolicy,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import Emittery from 'emittery';
import CircuitBreakerOpossum from 'opossum';
import { bench, describe } from 'vitest';
import { HookBus } from '../src/index.js';

// Each contender delivers one payload to three listeners that do the same trivial work, and
// (except the bare EventEmitter) lets the caller await the end of the whole delivery.
interface Events {
  tick: { n: number };
}
const payload = { n: 1 };
let sink = 0;
const work = (p: { n: number }) => {
  sink += p.n;
};
const asyncWork = async (p: { n: number }) => {
  sink += p.n;
};

const emitter = new EventEmitter();
for (let i = 0; i < 3; i++) emitter.on('tick', work);

const emittery = new Emittery<Events>();
for (let i = 0; i < 3; i++) emittery.on('tick', work);

const makeCockatiel = (): IPolicy =>
  wrap(
    timeout(10_000, TimeoutStrategy.Aggressive),
    circuitBreaker(handleAll, { halfOpenAfter: 60_000, breaker: new ConsecutiveBreaker(5) }),
  );
const cockatielPolicies = [makeCockatiel(), makeCockatiel(), makeCockatiel()];
const cockatielBreakers = [0, 1, 2].map(() =>
  circuitBreaker(handleAll, { halfOpenAfter: 60_000, breaker: new ConsecutiveBreaker(5) }),
);

const opossum = [0, 1, 2].map(
  () =>
    new CircuitBreakerOpossum(asyncWork, {
      timeout: 10_000,
      errorThresholdPercentage: 50,
      resetTimeout: 60_000,
    }),
);

const bus = new HookBus<Events>({ historySize: 100 });
for (let i = 0; i < 3; i++) bus.on('tick', work, { id: `sync-${i}`, timeoutMs: 10_000 });

const asyncBus = new HookBus<Events>({ historySize: 100 });
for (let i = 0; i < 3; i++) asyncBus.on('tick', asyncWork, { id: `async-${i}`, timeoutMs: 10_000 });

describe('deliver one event to 3 listeners', () => {
  bench('EventEmitter.emit (bare, not awaitable)', () => {
    emitter.emit('tick', payload);
  });

  bench('emittery: await emit (plain listeners)', async () => {
    await emittery.emit('tick', payload);
  });

  bench('cockatiel: await wrap(timeout, breaker).execute x3', async () => {
    for (const policy of cockatielPolicies) await policy.execute(() => work(payload));
  });

  bench('cockatiel: await circuitBreaker.execute x3 (no timeout)', async () => {
    for (const breaker of cockatielBreakers) await breaker.execute(() => work(payload));
  });

  bench('opossum: await breaker.fire x3 (timeout on)', async () => {
    for (const breaker of opossum) await breaker.fire(payload);
  });

  bench('HookBus: await emitAndWait (3 sync hooks, breaker + timeout armed)', async () => {
    await bus.emitAndWait('tick', payload);
  });

  bench('HookBus: await emitAndWait (3 async hooks, breaker + timeout armed)', async () => {
    await asyncBus.emitAndWait('tick', payload);
  });
});

export { sink };
