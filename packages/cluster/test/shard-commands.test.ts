import type { TestBot } from '@zoryx/testing';
import { ChannelType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommandsBot, textOf } from './commands-bot.js';

describe('cluster extension in one process (emulator + discord.js)', () => {
  let t: TestBot;
  let now = Date.now();

  beforeAll(async () => {
    t = await startCommandsBot();
    t.bot.extensions.require('cluster').setClock(() => now);
  }, 60_000);
  afterAll(() => t?.close());

  const api = () => t.bot.extensions.require('cluster');

  it('feeds the monitor from the client: shard 0 connected, events counted', () => {
    expect(api().mode).toBe('single');
    const [shard] = api().monitor.metrics();
    expect(shard?.shardId).toBe(0);
    expect(shard?.connected).toBe(true);
  });

  it('answers every command for the owner', async () => {
    api().monitor.record(0, { kind: 'latency', ms: 42 });
    const info = textOf(await t.owner.slash(t.guild, 'shardinfo').reply());
    expect(info).toMatch(/Shards — 1\/1 healthy/);
    expect(info).toMatch(/#0\*\* connected · avg 42 ms/);
    const detail = textOf(await t.owner.slash(t.guild, 'shardinfo', { shard: 0 }).reply());
    expect(detail).toMatch(/Shard #0/);
    expect(detail).toMatch(/Latency \(avg\): 42 ms over 1 samples/);
    expect(textOf(await t.owner.slash(t.guild, 'shardhealth').reply())).toMatch(
      /All 1 shard\(s\) healthy/,
    );
    const clusters = textOf(await t.owner.slash(t.guild, 'clusters').reply());
    expect(clusters).toMatch(/Single process/);
    expect(clusters).toMatch(/\(all\) · shards 0 · 1 guilds/);
    expect(textOf(await t.owner.slash(t.guild, 'busstatus').reply())).toMatch(
      /single process[\s\S]*No event bus/,
    );
    const ping = textOf(await t.owner.slash(t.guild, 'broadcast', { handler: 'ping' }).reply());
    expect(ping).toMatch(/Broadcast `ping` — 1 answered[\s\S]*pong from all-/);
    // Every dispatch (the interactions above) counted as an event of shard 0.
    expect(api().monitor.metrics()[0]?.events).toBeGreaterThan(0);
  });

  it('reports bad input with coded errors', async () => {
    const unknownShard = await t.owner.slash(t.guild, 'shardinfo', { shard: 7 }).reply();
    expect(unknownShard.ephemeral).toBe(true);
    expect(textOf(unknownShard)).toMatch(/ZRX_CLUSTER_SHARD_UNKNOWN/);
    expect(textOf(await t.owner.slash(t.guild, 'shardreset', { shard: 7 }).reply())).toMatch(
      /ZRX_CLUSTER_SHARD_UNKNOWN/,
    );
    expect(textOf(await t.owner.slash(t.guild, 'broadcast', { handler: 'eval' }).reply())).toMatch(
      /ZRX_CLUSTER_BROADCAST_UNKNOWN.*known: log, ping/,
    );
    expect(
      textOf(
        await t.owner
          .slash(t.guild, 'broadcast', { handler: 'log', text: 'x'.repeat(1_001) })
          .reply(),
      ),
    ).toMatch(/ZRX_CLUSTER_RPC_PAYLOAD/);
    const voice = t.guild.createChannel({ name: 'voice', type: ChannelType.GuildVoice });
    const refused = await t.owner.slash(t.guild, 'shardalerts', { channel: voice.id }).reply();
    expect(textOf(refused)).toMatch(/ZRX_CLUSTER_ALERT_CHANNEL/);
    expect((await api().checkAlerts()).reason).toBe('off');
  });

  it('refuses everyone but a bot owner', async () => {
    for (const user of [t.member, t.admin, t.guildOwner]) {
      for (const name of ['shardinfo', 'shardhealth', 'shardmonitor', 'clusters', 'busstatus']) {
        const denied = await user.slash(t.guild, name).reply();
        expect(denied.ephemeral, `${name} by ${user.id}`).toBe(true);
        expect(textOf(denied)).not.toMatch(/Shards —|Single process|Bus —/);
      }
      const reset = await user.slash(t.guild, 'shardreset', { shard: 0 }).reply();
      expect(reset.ephemeral).toBe(true);
      expect(textOf(reset)).not.toMatch(/Shard reset/);
    }
  });

  it('shardmonitor pages and refreshes through its buttons', async () => {
    const view = await t.owner.slash(t.guild, 'shardmonitor').reply();
    expect(textOf(view)).toMatch(/Page 1\/1 · single process/);
    api().monitor.record(0, { kind: 'latency', ms: 58 });
    const refreshed = await view.clickButton('shardmonitor:0:r').reply();
    expect(refreshed.edited).toBe(true);
    expect(textOf(refreshed)).toMatch(/avg 50 ms/);
  });

  it('posts alerts to the channel, at most once per 300 s (injected clock)', async () => {
    const alerts = t.guild.createChannel({ name: 'alerts' });
    expect(await api().checkAlerts()).toMatchObject({ posted: false, reason: 'off' });
    const set = textOf(await t.owner.slash(t.guild, 'shardalerts', { channel: alerts.id }).reply());
    expect(set).toMatch(/Alerts: \*\*on\*\*/);
    expect(await api().checkAlerts()).toMatchObject({ posted: false, reason: 'healthy' });

    // The original's rule "no event for 300 s": the clock jumps, no event comes.
    now += 301_000;
    const first = await api().checkAlerts();
    expect(first).toMatchObject({ posted: true, reason: 'posted' });
    expect(first.unhealthy[0]?.reason).toMatch(/no event for 301 s/);
    // The alert's own MESSAGE_CREATE is an event, so silence is over: keep the shard unhealthy
    // by the "≥ 3 consecutive failures" rule from here on.
    for (let i = 0; i < 3; i += 1) api().monitor.record(0, { kind: 'error', message: 'test' });
    expect(await api().checkAlerts()).toMatchObject({ posted: false, reason: 'damped' });
    now += 299_000;
    expect(await api().checkAlerts()).toMatchObject({ posted: false, reason: 'damped' });
    now += 1_000;
    expect(await api().checkAlerts()).toMatchObject({ posted: true });
    const posted = t.discord
      .messages(alerts)
      .filter((m) => JSON.stringify(m.embeds).includes('unhealthy shard'));
    expect(posted).toHaveLength(2);
    expect(textOf({ content: posted[0]!.content, embeds: posted[0]!.embeds })).toMatch(
      /#0\*\*: no event for/,
    );
    expect(textOf({ content: posted[1]!.content, embeds: posted[1]!.embeds })).toMatch(
      /#0\*\*: 3 consecutive failures/,
    );

    const off = textOf(await t.owner.slash(t.guild, 'shardalerts', { enabled: false }).reply());
    expect(off).toMatch(/Alerts: \*\*off\*\*/);
    now += 600_000;
    expect(await api().checkAlerts()).toMatchObject({ posted: false, reason: 'off' });
    now = Date.now();
    api().monitor.record(0, { kind: 'connect' });
  });

  it('shardreset reconnects the shard with a RESUME, not a new IDENTIFY', async () => {
    const identifies = t.discord.gateway.identifyCount;
    expect(identifies).toBeGreaterThanOrEqual(1);
    const reset = textOf(await t.owner.slash(t.guild, 'shardreset', { shard: 0 }).reply());
    expect(reset).toMatch(/Reconnected \(RESUME\): #0/);
    await t.discord.waitFor(() => api().monitor.metrics()[0]?.resumes === 1, {
      timeout: 15_000,
      description: 'shard 0 resumed',
    });
    const [shard] = api().monitor.metrics();
    expect(shard?.connected).toBe(true);
    expect(shard?.disconnects).toBe(1);
    expect(shard?.connects).toBe(0);
    expect(t.discord.gateway.connections()).toBe(1);
    expect(t.discord.gateway.identifyCount).toBe(identifies);
    // The bot still answers after the reconnect.
    expect(textOf(await t.owner.slash(t.guild, 'shardhealth').reply())).toMatch(/Shard health/);
  });

  // Last: it adds 19 shards the client does not have (metrics only), for a second page.
  it('shardmonitor pages with ◀ ▶ and the page select once there are more than 15 shards', async () => {
    for (let id = 1; id < 20; id += 1) api().monitor.record(id, { kind: 'connect' });
    const view = await t.owner.slash(t.guild, 'shardmonitor').reply();
    expect(textOf(view)).toMatch(/Shards — \d+\/20 healthy[\s\S]*Page 1\/2/);
    expect(textOf(view)).not.toMatch(/#15\*\*/);
    const second = await view.clickButton('shardmonitor:1:n').reply();
    expect(textOf(second)).toMatch(/#15\*\*[\s\S]*#19\*\*[\s\S]*Page 2\/2/);
    const first = await second.select('shardmonitor-page', ['0']).reply();
    expect(textOf(first)).toMatch(/#0\*\*[\s\S]*Page 1\/2/);
    const denied = await t.member.clickButton(first, 'shardmonitor:0:r').reply();
    expect(denied.ephemeral).toBe(true);
    expect(denied.content).toMatch(/Only a bot owner/);
  });
});
