import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempRoot } from '../test/temp-root.js';
import { AtomicStore } from './atomic-store.js';
import type { StoreError } from './errors.js';
import { formatIssuePath } from './schema.js';

const data = {
  guilds: [
    { id: '1', prefix: '!' },
    { id: '2', prefix: 5 },
  ],
};

describe('schema validation (Standard Schema)', () => {
  it('zod: returns the parsed output, or ZRX_STORE_SCHEMA with the failing path', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    await store.writeJson('g.json', data);
    const good = z.object({ guilds: z.array(z.object({ id: z.string(), prefix: z.unknown() })) });
    expect(await store.readJson('g.json', { schema: good })).toEqual(data);
    const strict = z.object({ guilds: z.array(z.object({ id: z.string(), prefix: z.string() })) });
    for (const cache of [true, false]) {
      const error = (await store
        .readJson('g.json', { schema: strict, cache })
        .catch((e) => e)) as StoreError;
      expect(error.code).toBe('ZRX_STORE_SCHEMA');
      expect(error.message).toContain('g.json');
      expect(error.message).toContain('guilds[1].prefix');
    }
    await store.close();
  });

  it('valibot: same, including transforming schemas', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    await store.writeJson('g.json', data);
    const count = v.pipe(
      v.object({ guilds: v.array(v.object({ id: v.string() })) }),
      v.transform((x) => x.guilds.length),
    );
    expect(await store.readJson('g.json', { schema: count })).toBe(2);
    const strict = v.object({ guilds: v.array(v.object({ id: v.string(), prefix: v.string() })) });
    const error = (await store
      .readJson('g.json', { schema: strict })
      .catch((e) => e)) as StoreError;
    expect(error.code).toBe('ZRX_STORE_SCHEMA');
    expect(error.message).toContain('guilds[1].prefix');
    await store.close();
  });

  it('a missing file is undefined without validating', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    expect(await store.readJson('none.json', { schema: z.string() })).toBeUndefined();
    await store.close();
  });

  it('formats issue paths', () => {
    expect(formatIssuePath(undefined)).toBe('(root)');
    expect(formatIssuePath(['a', 0, { key: 'b' }])).toBe('a[0].b');
  });
});
