import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isClusterError } from '../errors.js';
import { connect, redisTestUrl, testPrefix } from '../testing/redis.js';
import { ClusterRpc, defineRpc } from './cluster-rpc.js';

const url = redisTestUrl();

const stats = defineRpc(
  'test.stats',
  z.object({ detail: z.boolean() }),
  z.object({ guilds: z.number() }),
);
const slow = defineRpc('test.slow', z.null(), z.literal('late'));

describe.skipIf(url === undefined)(
  `typed RPC over Redis${url === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let redis: Redis;
    beforeAll(() => {
      redis = connect(url!);
    });
    afterAll(async () => {
      await redis.quit();
    });

    async function cluster(prefix: string, ids: string[]): Promise<ClusterRpc[]> {
      const nodes = ids.map(
        (id) => new ClusterRpc({ redis, prefix, processId: id, role: 'worker' }),
      );
      for (const node of nodes) await node.start();
      return nodes;
    }

    it('gathers one typed answer per live process, with per-process errors', async () => {
      const prefix = testPrefix('rpc');
      const [a, b, c] = await cluster(prefix, ['a', 'b', 'c']);
      a!.handle(stats, () => ({ guilds: 10 }));
      b!.handle(stats, () => {
        throw new Error('cache not ready');
      });
      // c has no handler: it answers ZRX_CLUSTER_RPC_UNKNOWN.
      const results = await a!.call(stats, { detail: true }, { timeoutMs: 5_000 });
      expect(results).toEqual([
        { process: 'a', ok: true, value: { guilds: 10 } },
        {
          process: 'b',
          ok: false,
          error: { code: 'ZRX_CLUSTER_RPC_FAILED', message: 'cache not ready' },
        },
        {
          process: 'c',
          ok: false,
          error: expect.objectContaining({ code: 'ZRX_CLUSTER_RPC_UNKNOWN' }),
        },
      ]);
      expect((await a!.members()).map((m) => m.id)).toEqual(['a', 'b', 'c']);
      for (const node of [a, b, c]) await node!.close();
    });

    it('validates payloads on both ends and never hangs on a silent process', async () => {
      const prefix = testPrefix('rpc-timeout');
      const [a, b] = await cluster(prefix, ['a', 'b']);
      a!.handle(slow, () => 'late' as const);
      b!.handle(slow, () => new Promise<'late'>(() => undefined));
      // @ts-expect-error: a payload of the wrong type, as an untyped caller could send
      await expect(a!.call(stats, { detail: 'yes' })).rejects.toSatisfy((e) =>
        isClusterError(e, 'ZRX_CLUSTER_RPC_PAYLOAD'),
      );
      const results = await a!.call(slow, null, { timeoutMs: 300 });
      expect(results.map((r) => (r.ok ? r.value : r.error.code))).toEqual([
        'late',
        'ZRX_CLUSTER_RPC_TIMEOUT',
      ]);
      // A bad result is refused by the answering process' schema.
      // @ts-expect-error: a handler breaking its own result schema
      b!.handle(stats, () => ({ guilds: 'many' }));
      const [, fromB] = await a!.call(stats, { detail: false }, { timeoutMs: 2_000 });
      expect(fromB).toMatchObject({
        process: 'b',
        ok: false,
        error: { code: 'ZRX_CLUSTER_RPC_PAYLOAD' },
      });
      for (const node of [a, b]) await node!.close();
    });
  },
);
