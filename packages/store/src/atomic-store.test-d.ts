import type { StandardSchemaV1 } from '@standard-schema/spec';
import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  AtomicStore,
  type AtomicStoreOptions,
  type StoreError,
  type StoreErrorCode,
  type StoreHealth,
  type StoreStats,
} from './index.js';

const store = new AtomicStore({ root: './data' });

describe('AtomicStore types', () => {
  it('readJson returns T | undefined, inferred from a schema when given', () => {
    expectTypeOf(store.readJson<{ a: number }>('a.json')).toEqualTypeOf<
      Promise<{ a: number } | undefined>
    >();
    expectTypeOf(store.readJson('a.json', { schema: z.object({ a: z.number() }) })).toEqualTypeOf<
      Promise<{ a: number } | undefined>
    >();
    const count = v.pipe(
      v.array(v.string()),
      v.transform((x) => x.length),
    );
    expectTypeOf(store.readJson('a.json', { schema: count })).toEqualTypeOf<
      Promise<number | undefined>
    >();
    const plain: StandardSchemaV1<string> = z.string();
    expectTypeOf(store.readJson('a.json', { schema: plain, cache: false })).toEqualTypeOf<
      Promise<string | undefined>
    >();
  });

  it('update passes T | undefined and resolves T', () => {
    expectTypeOf(store.update<number>('n.json', (n) => (n ?? 0) + 1)).toEqualTypeOf<
      Promise<number>
    >();
    store.update<number>('n.json', (n) => {
      expectTypeOf(n).toEqualTypeOf<number | undefined>();
      return Promise.resolve(1);
    });
    // @ts-expect-error the function must return the stored type
    store.update<number>('n.json', () => 'x');
  });

  it('the rest of the contract', () => {
    expectTypeOf(store.writeJson('a.json', { any: 'data' }, { keepCached: true })).toEqualTypeOf<
      Promise<void>
    >();
    expectTypeOf(store.delete('a.json')).toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(store.invalidate('a.json')).toEqualTypeOf<void>();
    expectTypeOf(store.clearCache()).toEqualTypeOf<void>();
    expectTypeOf(store.close()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(store.stats()).toEqualTypeOf<StoreStats>();
    expectTypeOf<StoreStats['health']>().toEqualTypeOf<StoreHealth>();
    expectTypeOf<StoreHealth>().toEqualTypeOf<'healthy' | 'degraded' | 'critical'>();
    expectTypeOf<AtomicStoreOptions>().toMatchTypeOf<{
      root: string;
      cacheSize?: number;
      ttlMs?: number;
      retries?: number;
      fsync?: boolean;
    }>();
    expectTypeOf<StoreError['code']>().toEqualTypeOf<StoreErrorCode>();
    expectTypeOf<'ZRX_STORE_PATH'>().toMatchTypeOf<StoreErrorCode>();
    expectTypeOf<'ZRX_STORE_CORRUPT'>().toMatchTypeOf<StoreErrorCode>();
  });
});
