import type { ChannelHandle } from '@zoryx/emulator';
import type { TestBot, TestWorld } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBuiltinsBot } from './builtins-bot.js';

/** Booting a bot against the emulator can be slow on a loaded 2-core machine. */
const BOOT_TIMEOUT_MS = 60_000;

/** A tiny extension with a command that works and one that throws. */
const PROBE = `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/framework';

function slash(name, run) {
  return class extends Command {
    constructor(context, base) { super(context, { ...base, name, description: name }); }
    registerApplicationCommands(registry) {
      registry.registerChatInputCommand((b) => b.setName(name).setDescription(name));
    }
    async chatInputRun(interaction) { return run(interaction); }
  };
}
export default defineExtension({
  name: 'probe', version: '1.0.0',
  commands: [
    { name: 'fine', piece: slash('fine', (i) => i.reply('fine')) },
    { name: 'boom', piece: slash('boom', () => { throw new Error('kaboom'); }) },
  ],
});
`;

describe('diagnostics built-in against the emulator', () => {
  let h: TestBot;
  let w: TestWorld;
  let alerts: ChannelHandle;
  const api = () => h.bot.extensions.require('diagnostics');
  const field = (embed: { fields?: { name: string; value: string }[] } | undefined, name: string) =>
    embed?.fields?.find((f) => f.name === name)?.value;

  beforeAll(async () => {
    h = await startBuiltinsBot({
      extensions: ['diagnostics'],
      files: { 'extensions/probe.ts': PROBE },
      config: { extensions: { config: { diagnostics: { lagThresholdMs: 250 } } } },
    });
    w = h.world;
    alerts = w.guild.createChannel({ name: 'alerts' });
  }, BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await h?.close();
  }, BOOT_TIMEOUT_MS);

  it('shows health, resources, lag, uptime and load times to the owner', async () => {
    const reply = await w.owner.slash(w.guild, 'fw_diagnostics').reply();
    const embed = reply.embeds[0];
    expect(embed?.title).toBe('Framework diagnostics');
    expect(field(embed, 'Status')).toContain('healthy');
    expect(field(embed, 'Error rate (1 h)')).toMatch(/^0% \(0\/\d+\)$/);
    expect(field(embed, 'Event-loop lag')).toContain('alert > 250 ms');
    expect(field(embed, 'Memory')).toMatch(/MB RSS/);
    expect(field(embed, 'Uptime')).toMatch(/\d+[smhd]/);
    expect(field(embed, 'Extension load times')).toContain('`diagnostics`');
    expect(field(embed, 'Extension load times')).toContain('`probe`');
  });

  it('refuses non-owners', async () => {
    for (const name of ['fw_diagnostics', 'fw_history', 'fw_errors', 'fw_alert_channel']) {
      const denied = await w.member.slash(w.guild, name).reply();
      expect(denied.embeds[0]?.description).toContain('only be used by the bot owners');
    }
  });

  it('answers prefix and mention invocations too', async () => {
    const prefixed = await w.owner.send(w.channel, '!fw_diagnostics').reply();
    expect(prefixed.embeds[0]?.title).toBe('Framework diagnostics');
    const mention = await w.owner.send(w.channel, `<@${h.discord.botUserId}> fw_errors`).reply();
    expect(mention.embeds[0]?.title).toMatch(/Command errors/);
  });

  it('counts failed commands into the hourly error rate and lists them in fw_errors', async () => {
    await w.owner.slash(w.guild, 'fine').reply();
    const failed = await w.owner.slash(w.guild, 'boom').reply();
    const errorId = /Error id: `([0-9A-Z]{8})`/.exec(failed.embeds[0]?.description ?? '')?.[1];
    expect(errorId).toMatch(/^[0-9A-Z]{8}$/);
    await w.owner
      .send(w.channel, '!nosuchcommand')
      .reply({ timeout: 500 })
      .catch(() => undefined);
    await h.bot.hooks.drain();
    const rate = api().rate.rate();
    expect(rate.errors).toBe(1);
    const reply = await w.owner.slash(w.guild, 'fw_diagnostics').reply();
    expect(field(reply.embeds[0], 'Error rate (1 h)')).toBe(
      `${Math.round((1 / rate.commands) * 10_000) / 100}% (1/${rate.commands})`,
    );
    const errors = await w.owner.slash(w.guild, 'fw_errors').reply();
    expect(errors.embeds[0]?.title).toBe('Command errors (last 1)');
    expect(errors.embeds[0]?.description).toContain(`\`${errorId}\` \`boom\` (slash) — kaboom`);
  });

  it('sets the alert channel and posts degraded/critical alerts there', async () => {
    const set = await w.owner.slash(w.guild, 'fw_alert_channel', { channel: alerts }).reply();
    expect(set.embeds[0]?.description).toContain(`<#${alerts.id}>`);
    // Enough failures for critical (≥ 10 %) whatever else ran.
    for (let i = 0; i < 5; i++) await w.owner.slash(w.guild, 'boom').reply();
    await h.bot.hooks.drain();
    const result = await api().check();
    expect(result.snapshot.status).toBe('critical');
    expect(result.alerts.map((a) => a.title)).toContain('Health critical');
    await h.discord.waitFor(() =>
      alerts.messages().some((m) => m.embeds?.[0]?.title === 'Health critical'),
    );
    // The same condition on the next check does not alert again.
    expect((await api().check()).alerts).toEqual([]);
  });

  it(
    'keeps snapshots and the alert channel across a restart',
    async () => {
      const before = await api().history.latest();
      expect(before.length).toBeGreaterThanOrEqual(3);
      await h.restart();
      expect(await api().alerts.get()).toBe(alerts.id);
      // The check at load adds one snapshot to the persisted ones.
      await vi.waitFor(async () =>
        expect(await api().history.latest()).toHaveLength(before.length + 1),
      );
      const reply = await w.owner.slash(w.guild, 'fw_history', { count: 48 }).reply();
      expect(reply.embeds[0]?.title).toBe(`Health history (last ${before.length + 1})`);
      expect(reply.embeds[0]?.description).toContain('critical');
      const two = await w.owner.slash(w.guild, 'fw_history', { count: 2 }).reply();
      expect(two.embeds[0]?.description?.split('\n')).toHaveLength(2);
    },
    BOOT_TIMEOUT_MS,
  );

  it('turns alerts off', async () => {
    const off = await w.owner.slash(w.guild, 'fw_alert_channel', { off: true }).reply();
    expect(off.embeds[0]?.title).toBe('Alerts off');
    expect(await api().alerts.get()).toBeNull();
  });
});
