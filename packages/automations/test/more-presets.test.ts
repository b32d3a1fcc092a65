import { ChannelType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAutomationsBot } from './automations-bot.js';

let t: Awaited<ReturnType<typeof startAutomationsBot>>;

beforeAll(async () => {
  t = await startAutomationsBot();
});
afterAll(() => t?.close());

describe('presets end-to-end (emulator + discord.js)', () => {
  it('goodbye: says goodbye when a member leaves', async () => {
    const farewell = t.guild.createChannel({ name: 'farewell' });
    const api = t.api();
    await api.create(
      t.guild.id,
      api.fromPreset('goodbye', { channelId: farewell.id, message: 'Bye {username}!' }),
      t.guildOwner.id,
    );
    const leaver = t.addMember('leaver');
    t.guild.removeMember(leaver);
    const message = await t.discord.waitFor(
      () => farewell.messages().find((m) => m.content === 'Bye leaver!'),
      { description: 'the goodbye' },
    );
    expect(message.content).toBe('Bye leaver!');
  });

  it('reaction roles: reacting gives the role, removing the reaction takes it back', async () => {
    const role = t.guild.createRole({ name: 'Pings' });
    const api = t.api();
    const messageId = t.guildOwner.send(t.channel, 'React with 🔔 for pings').messageId ?? '';
    await api.create(
      t.guild.id,
      api.fromPreset('reaction-roles', { messageId, roles: [{ emoji: '🔔', roleId: role.id }] }),
      t.guildOwner.id,
    );
    const fan = t.addMember('fan');
    fan.react(messageId, '🔔');
    await t.discord.waitFor(() => t.guild.member(fan)?.roles.includes(role.id), {
      description: 'the reaction role',
    });
    fan.unreact(messageId, '🔔');
    await t.discord.waitFor(() => !t.guild.member(fan)?.roles.includes(role.id), {
      description: 'the role to go',
    });
    expect(t.guild.member(fan)?.roles).not.toContain(role.id);
  });

  it('word filter: deletes whole-word matches (not substrings), times out and logs', async () => {
    const chat = t.guild.createChannel({ name: 'chat' });
    const log = t.guild.createChannel({ name: 'filter-log' });
    const api = t.api();
    await api.create(
      t.guild.id,
      api.fromPreset('word-filter', { words: ['darn'], timeoutSeconds: 60, logChannelId: log.id }),
      t.guildOwner.id,
    );
    const talker = t.addMember('talker');
    talker.send(chat, 'the darnedest thing');
    talker.send(chat, 'oh DARN it');
    await t.discord.waitFor(() => log.messages().length > 0, { description: 'the filter log' });
    await t.discord.waitFor(() => !chat.messages().some((m) => m.content === 'oh DARN it'), {
      description: 'the deletion',
    });
    expect(chat.messages().map((m) => m.content)).toEqual(['the darnedest thing']);
    expect(log.messages()[0]?.content).toBe(
      `Filtered a message of <@${talker.id}> in <#${chat.id}>.`,
    );
    await t.discord.waitFor(() => t.guild.member(talker)?.communication_disabled_until, {
      description: 'the timeout',
    });
  });

  it('voice activity log: logs joins and leaves', async () => {
    const lounge = t.guild.createChannel({ name: 'Lounge', type: ChannelType.GuildVoice });
    const log = t.guild.createChannel({ name: 'voice-log' });
    const api = t.api();
    await api.create(
      t.guild.id,
      api.fromPreset('voice-log', { logChannelId: log.id }),
      t.guildOwner.id,
    );
    const singer = t.addMember('singer');
    t.guild.joinVoice(singer, lounge);
    await t.discord.waitFor(() => log.messages().length === 1, { description: 'the join line' });
    t.guild.leaveVoice(singer);
    await t.discord.waitFor(() => log.messages().length === 2, { description: 'the leave line' });
    expect(log.messages().map((m) => m.content.split(' (')[0])).toEqual([
      '🔊 singer — Lounge',
      '🔊 singer — Lounge',
    ]);
  });

  it('scheduled announcement: one live schedule per rule across restarts, and it posts when it fires', async () => {
    const news = t.guild.createChannel({ name: 'news' });
    const api = t.api();
    const { id } = await api.create(
      t.guild.id,
      api.fromPreset('scheduled-announcement', {
        channelId: news.id,
        message: 'Daily news for {guild_name}',
        intervalHours: 24,
      }),
      t.guildOwner.id,
    );
    const job = await api.schedule(t.guild.id, id);
    expect(job).toMatchObject({ every: 24 * 3_600_000, runs: 0 });
    await t.restart();
    const after = t.api();
    const again = await after.schedule(t.guild.id, id);
    // Re-synced at start without being pushed back or duplicated.
    expect(again?.nextRunAt?.getTime()).toBe(job?.nextRunAt?.getTime());
    expect((await t.bot.jobs.list('automations')).filter((j) => j.id.endsWith(id))).toHaveLength(1);
    await after.run(t.guild.id, id);
    const posted = await t.discord.waitFor(() => news.messages()[0], {
      description: 'the announcement',
    });
    expect(posted.content).toBe(`Daily news for ${t.guild.name}`);
  });

  it('webhook bridge: refuses non-Discord URLs at save time and forwards messages to the webhook', async () => {
    const bridged = t.guild.createChannel({ name: 'bridged' });
    const target = t.guild.createChannel({ name: 'bridge-target' });
    const api = t.api();
    expect(() =>
      api.fromPreset('webhook-bridge', {
        channelIds: [bridged.id],
        url: 'https://example.com/api/webhooks/123456789012345678/abc',
      }),
    ).toThrow(/params\.url/);
    const channel = await t.bot.channels.fetch(target.id);
    if (channel?.type !== ChannelType.GuildText)
      return expect.fail('the target is not a text channel');
    const hook = await channel.createWebhook({ name: 'Bridge' });
    const url = `https://discord.com/api/webhooks/${hook.id}/${hook.token}`;
    const { id } = await api.create(
      t.guild.id,
      api.fromPreset('webhook-bridge', { channelIds: [bridged.id], url }),
      t.guildOwner.id,
    );
    const dry = await api.test(t.guild.id, id, {
      event: 'message',
      channelId: bridged.id,
      userId: t.member.id,
      username: 'member',
      content: 'hi all',
    });
    expect(dry.actions).toEqual(['would webhook: "**member** in #bridged: hi all"']);
    const talker = t.addMember('bridger');
    talker.send(bridged, 'over the bridge');
    const relayed = await t.discord.waitFor(
      () => target.messages().find((m) => m.webhook_id === hook.id),
      { description: 'the relayed message' },
    );
    expect(relayed.content).toBe('**bridger** in #bridged: over the bridge');
  });

  it('AutoMod bridge: installs the word filter as a native rule that Discord enforces, and rules see its executions', async () => {
    const room = t.guild.createChannel({ name: 'automod-room' });
    const alerts = t.guild.createChannel({ name: 'automod-alerts' });
    const api = t.api();
    const { id } = await api.installAutoMod(t.guild.id, 'word-filter', {
      words: ['heck'],
      logChannelId: alerts.id,
    });
    expect(id).toMatch(/^\d+$/);
    const seen = t.guild.createChannel({ name: 'automod-seen' });
    await api.create(
      t.guild.id,
      {
        name: 'automod echo',
        trigger: { type: 'event', events: ['automod_action'] },
        actions: [{ type: 'send_message', channelId: seen.id, content: 'AutoMod stopped {user}' }],
      },
      t.guildOwner.id,
    );
    const rude = t.addMember('rude');
    rude.send(room, 'what the heck');
    expect(room.messages()).toEqual([]);
    await t.discord.waitFor(() => seen.messages().length > 0, {
      description: 'the execution seen by a rule',
    });
    expect(seen.messages()[0]?.content).toBe(`AutoMod stopped <@${rude.id}>`);
    expect(alerts.messages()).toHaveLength(1);
    await expect(
      api.installAutoMod(t.guild.id, 'mention-spam', { limit: 99 }),
    ).rejects.toMatchObject({ code: 'ZRX_AUTOMATION_INVALID' });
  });
});

describe('rate limits', () => {
  it('queues runs over a rule’s rate and counts them, never dropping them', async () => {
    const burst = t.guild.createChannel({ name: 'burst' });
    const out = t.guild.createChannel({ name: 'burst-out' });
    const api = t.api();
    const { id } = await api.create(
      t.guild.id,
      {
        name: 'echo',
        trigger: { type: 'event', events: ['message'], channelIds: [burst.id] },
        actions: [{ type: 'send_message', channelId: out.id, content: '{message}' }],
        rate: { runs: 2, perSeconds: 1 },
      },
      t.guildOwner.id,
    );
    const spammer = t.addMember('spammer');
    for (let i = 0; i < 5; i++) spammer.send(burst, `m${i}`);
    await vi.waitFor(() => expect(out.messages()).toHaveLength(5), { timeout: 15_000 });
    expect(
      out
        .messages()
        .map((m) => m.content)
        .sort(),
    ).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect((await api.get(t.guild.id, id)).runs).toMatchObject({
      started: 2,
      queued: 3,
      overflowed: 0,
    });
  });
});
