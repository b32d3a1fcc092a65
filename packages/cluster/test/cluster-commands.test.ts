// The cluster commands in a worker of a cluster, over real Redis: the test bot (emulator +
// discord.js) is linked as a worker the way `--role worker` links its process; its peers are a
// gateway (serving its shard monitor over RPC, as the gateway role does), another worker with a
// bus consumer, and a silent member that joined and never answers.
import type { TestBot } from '@zoryx/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../src/bus/event-bus.js';
import { linkClusterProcess } from '../src/commands/cluster-link.js';
import { serveGatewayShards } from '../src/commands/gateway-service.js';
import { broadcastRpc, processRpc } from '../src/commands/rpc-calls.js';
import { ShardMonitor } from '../src/monitor/shard-monitor.js';
import { ClusterRpc } from '../src/rpc/cluster-rpc.js';
import { Membership } from '../src/rpc/membership.js';
import { connect, redisTestUrl, testPrefix } from '../src/testing/redis.js';
import { startCommandsBot, textOf } from './commands-bot.js';

const url = redisTestUrl();

describe.skipIf(url === undefined)(
  `cluster commands across processes over Redis${url === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let t: TestBot;
    let redis: Redis;
    const closers: (() => Promise<unknown> | unknown)[] = [];
    const reconnects: number[] = [];
    const monitor = new ShardMonitor();

    beforeAll(async () => {
      redis = connect(url!);
      const prefix = testPrefix('commands');

      // The gateway: shards 0 (healthy) and 1 (disconnected), served like the gateway role does.
      monitor.record(0, { kind: 'connect' });
      monitor.record(0, { kind: 'latency', ms: 40 });
      monitor.record(0, { kind: 'event' });
      monitor.record(1, { kind: 'connect' });
      monitor.record(1, { kind: 'disconnect' });
      const gateway = new ClusterRpc({ redis, prefix, processId: 'gateway-a', role: 'gateway' });
      await gateway.start();
      serveGatewayShards(gateway, {
        monitor,
        shardIds: () => [0, 1],
        published: () => 5,
        reconnect: async (id) => {
          reconnects.push(id);
          monitor.record(id, { kind: 'resume' });
          return true;
        },
      });
      closers.push(() => gateway.close());

      // Five events on the work stream, handled by a peer worker's consumer.
      const publisher = new EventBus({ redis, prefix, consumer: 'gateway-a' });
      await publisher.publish(
        Array.from({ length: 5 }, (_, i) => ({
          id: `e${i}`,
          type: 'MESSAGE_CREATE',
          shardId: 0,
          data: { i },
        })),
      );
      const peerBus = new EventBus({ redis, prefix, consumer: 'worker-peer' });
      await peerBus.consume(() => undefined);
      closers.push(() => peerBus.stop());
      const peer = new ClusterRpc({ redis, prefix, processId: 'worker-peer', role: 'worker' });
      await peer.start();
      peer.handle(processRpc, () => ({
        role: 'worker',
        uptimeMs: 60_000,
        rssBytes: 50 * 1_048_576,
        heapUsedBytes: 20 * 1_048_576,
        shardIds: [0, 1],
        guilds: 1,
        bus: { ...peerBus.stats },
      }));
      peer.handle(broadcastRpc, ({ name, text }) => ({ result: `${name} ${text} on worker-peer` }));
      closers.push(() => peer.close());

      // A member that joined and never answers: its entry is a timeout, the others still show.
      const silent = new Membership({ redis, prefix, id: 'worker-silent', role: 'worker' });
      await silent.join();
      closers.push(() => silent.leave());

      // This process is a worker, linked as the worker role links it, before the bot starts.
      const bus = new EventBus({ redis, prefix, consumer: 'worker-bot' });
      closers.push(
        linkClusterProcess({ role: 'worker', redis, prefix, processId: 'worker-bot', bus }),
      );
      t = await startCommandsBot({ extensions: { config: { cluster: { rpcTimeoutMs: 1_000 } } } });
    }, 60_000);

    afterAll(async () => {
      await t?.close();
      for (const close of closers.reverse()) await close();
      await redis?.quit();
    });

    it('runs as a worker of the cluster', () => {
      expect(t.bot.extensions.require('cluster').mode).toBe('cluster');
    });

    it('clusters lists every process, and the silent one as a timeout', async () => {
      const text = textOf(await t.owner.slash(t.guild, 'clusters').reply());
      expect(text).toMatch(/Cluster — 3 process\(es\) answered/);
      expect(text).toMatch(/\*\*gateway-a\*\* \(gateway\) · shards 0,1 · up/);
      expect(text).toMatch(
        /\*\*worker-peer\*\* \(worker\) · shards 0,1 · 1 guilds · up 1m 0s · 50\.0 MiB RSS/,
      );
      expect(text).toMatch(/\*\*worker-bot\*\* \(worker\)/);
      expect(text).toMatch(/`worker-silent`: ZRX_CLUSTER_RPC_TIMEOUT/);
    });

    it('busstatus shows the streams, the group, its consumers and each process’ counters', async () => {
      const text = textOf(await t.owner.slash(t.guild, 'busstatus').reply());
      expect(text).toMatch(/Work stream `zt:commands:[0-9a-f]+:events`: \*\*5\*\* entries/);
      expect(text).toMatch(/Group `workers`: \*\*\d+\*\* pending · lag \*\*\d+\*\*/);
      expect(text).toMatch(/• `worker-peer`: \d+ pending/);
      expect(text).toMatch(/\*\*gateway-a\*\* published 5/);
      expect(text).toMatch(/\*\*worker-peer\*\* handled \d+/);
      expect(text).toMatch(/`worker-silent`: ZRX_CLUSTER_RPC_TIMEOUT/);
    });

    it('shard commands ask the gateway: shardinfo, shardhealth, shardreset through RPC', async () => {
      const info = textOf(await t.owner.slash(t.guild, 'shardinfo').reply());
      expect(info).toMatch(/Shards — 1\/2 healthy/);
      expect(info).toMatch(/Page 1\/1 · cluster/);
      const detail = textOf(await t.owner.slash(t.guild, 'shardinfo', { shard: 1 }).reply());
      expect(detail).toMatch(/Process: `gateway-a`/);
      expect(textOf(await t.owner.slash(t.guild, 'shardhealth').reply())).toMatch(
        /#1\*\* disconnected/,
      );
      const reset = textOf(await t.owner.slash(t.guild, 'shardreset', { shard: 1 }).reply());
      expect(reset).toMatch(/Reconnected \(RESUME\): #1/);
      expect(reconnects).toEqual([1]);
      const unknown = textOf(await t.owner.slash(t.guild, 'shardreset', { shard: 9 }).reply());
      expect(unknown).toMatch(/ZRX_CLUSTER_SHARD_UNKNOWN/);
    });

    it('broadcast runs the named handler on every worker, partial on silence', async () => {
      const text = textOf(
        await t.owner.slash(t.guild, 'broadcast', { handler: 'ping', text: 'hi' }).reply(),
      );
      expect(text).toMatch(/Broadcast `ping` — 2 answered/);
      expect(text).toMatch(/\*\*worker-peer\*\*: ping hi on worker-peer/);
      expect(text).toMatch(/\*\*worker-bot\*\*: pong from worker-bot/);
      expect(text).toMatch(/`worker-silent`: ZRX_CLUSTER_RPC_TIMEOUT/);
    });

    it('alerts come from the gateways’ health', async () => {
      const api = t.bot.extensions.require('cluster');
      const reset = textOf(await t.owner.slash(t.guild, 'shardreset', { shard: -1 }).reply());
      expect(reset).toMatch(/Reconnected \(RESUME\): #0, #1/);
      expect(textOf(await t.owner.slash(t.guild, 'shardhealth').reply())).toMatch(/All 2 shard/);
      monitor.record(1, { kind: 'disconnect' });
      const alerts = t.guild.createChannel({ name: 'alerts' });
      await t.owner.slash(t.guild, 'shardalerts', { channel: alerts.id }).reply();
      const outcome = await api.checkAlerts();
      expect(outcome).toMatchObject({ posted: true });
      expect(outcome.unhealthy.map((h) => h.shardId)).toContain(1);
      expect((await api.checkAlerts()).reason).toBe('damped');
    });
  },
);
