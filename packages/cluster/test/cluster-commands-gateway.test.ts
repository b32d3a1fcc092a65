// `shardinfo` and `shardreset` in a worker against a real gateway role (`startGatewayRole`: a
// `ClusterGateway` on the emulator, its monitor served over RPC): the shard is the gateway's,
// and the reset reconnects the gateway's socket with a RESUME.
import type { TestBot } from '@zoryx/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../src/bus/event-bus.js';
import { linkClusterProcess } from '../src/commands/cluster-link.js';
import { type RunningGateway, startGatewayRole } from '../src/roles/run-roles.js';
import { connect, redisTestUrl, testPrefix } from '../src/testing/redis.js';
import { startCommandsBot, textOf } from './commands-bot.js';

const url = redisTestUrl();

describe.skipIf(url === undefined)(
  `shard commands against a real gateway role${url === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let t: TestBot;
    let redis: Redis;
    let gateway: RunningGateway | undefined;
    let unlink = () => {};

    beforeAll(async () => {
      redis = connect(url!);
      const prefix = testPrefix('gateway-commands');
      const bus = new EventBus({ redis, prefix, consumer: 'worker-bot' });
      unlink = linkClusterProcess({ role: 'worker', redis, prefix, processId: 'worker-bot', bus });
      t = await startCommandsBot({ extensions: { config: { cluster: { rpcTimeoutMs: 2_000 } } } });
      gateway = await startGatewayRole({
        cwd: t.dir,
        redisUrl: url!,
        prefix,
        processId: 'gateway-real',
        intents: 1,
        env: { DISCORD_TOKEN: t.discord.token, ZORYX_DISCORD_API: t.discord.apiUrl },
      });
      await t.discord.waitFor(() => gateway?.gateway.monitor.metrics()[0]?.connected === true, {
        timeout: 20_000,
        description: 'the gateway role connected shard 0',
      });
    }, 60_000);

    afterAll(async () => {
      await gateway?.close();
      await t?.close();
      unlink();
      await redis?.quit();
    });

    it('shardinfo shows the gateway’s shard, shardreset resumes the gateway’s session', async () => {
      const detail = textOf(await t.owner.slash(t.guild, 'shardinfo', { shard: 0 }).reply());
      expect(detail).toMatch(/Shard #0/);
      expect(detail).toMatch(/Process: `gateway-real`/);
      expect(detail).toMatch(/Status: connected/);
      const identifies = t.discord.gateway.identifyCount;
      const reset = textOf(await t.owner.slash(t.guild, 'shardreset', { shard: 0 }).reply());
      expect(reset).toMatch(/Reconnected \(RESUME\): #0/);
      await t.discord.waitFor(() => gateway?.gateway.monitor.metrics()[0]?.resumes === 1, {
        timeout: 15_000,
        description: 'the gateway resumed shard 0',
      });
      expect(t.discord.gateway.identifyCount).toBe(identifies);
      const clusters = textOf(await t.owner.slash(t.guild, 'clusters').reply());
      expect(clusters).toMatch(/\*\*gateway-real\*\* \(gateway\) · shards 0/);
    });
  },
);
