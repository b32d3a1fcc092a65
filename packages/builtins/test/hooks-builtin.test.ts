import type { ChannelHandle } from '@zoryx/emulator';
import type { TestBot, TestWorld } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_NEXT_ID, PAGE_PREV_ID } from '../src/shared/pagination.js';
import { startBuiltinsBot } from './builtins-bot.js';

/** Booting a bot against the emulator can be slow on a loaded 2-core machine. */
const BOOT_TIMEOUT_MS = 60_000;

/** Registers 12 hooks on a custom event; `probe:fails` always throws. */
const PROBE = `import { defineExtension } from '@zoryx/framework';
export default defineExtension({
  name: 'probe', version: '1.0.0',
  setup(ctx) {
    ctx.hooks.on('probe_ping', () => { throw new Error('probe failed'); }, { id: 'fails', priority: 7 });
    for (let i = 0; i < 11; i++) ctx.hooks.on('probe_ping', () => i, { id: 'works-' + i });
  },
});
`;

declare module '@zoryx/framework' {
  interface HookEvents {
    /** The probe extension's test event. */
    probe_ping: Record<string, never>;
  }
}

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };

describe('hooks built-in against the emulator', () => {
  let h: TestBot;
  let w: TestWorld;
  let alerts: ChannelHandle;
  const ping = () => h.bot.hooks.emitAndWait('probe_ping', {});
  const hook = (id: string) => h.bot.hooks.hooks().find((x) => x.id === id);

  beforeAll(async () => {
    h = await startBuiltinsBot({ extensions: ['hooks'], files: { 'extensions/probe.ts': PROBE } });
    w = h.world;
    alerts = w.guild.createChannel({ name: 'hook-alerts' });
  }, BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await h?.close();
  }, BOOT_TIMEOUT_MS);

  it('lists hooks 10 per page; only the invoker can turn pages', async () => {
    const reply = await w.owner.slash(w.guild, 'eh_list').reply();
    const first = reply.embeds[0] as Embed;
    expect(first.title).toBe('Event hooks');
    expect(first.fields).toHaveLength(10);
    const fails = first.fields?.find((f) => f.name === 'probe:fails');
    expect(fails?.value).toContain('event `probe_ping` · priority 7 · owner probe');
    expect(fails?.value).toContain('breaker 🟢 closed');
    const refused = await w.member.clickButton(reply, PAGE_NEXT_ID).reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.embeds[0]?.title).toBe('Not your menu');
    const second = await reply.clickButton(PAGE_NEXT_ID).reply();
    const page2 = second.embeds[0] as Embed & { footer?: { text: string } };
    expect(page2.footer?.text).toMatch(/^Page 2\/\d+$/);
    expect(page2.fields?.map((f) => f.name)).not.toContain('probe:fails');
    const back = await second.clickButton(PAGE_PREV_ID).reply();
    expect((back.embeds[0] as Embed).fields?.[0]?.name).toBe(first.fields?.[0]?.name);
  });

  it('shows the dispatch history, newest first', async () => {
    await ping();
    const reply = await w.owner.slash(w.guild, 'eh_history', { limit: 1 }).reply();
    expect(reply.embeds[0]?.title).toBe('Hook history (last 1)');
    expect(reply.embeds[0]?.description).toMatch(
      /^❌ `probe_ping` · 11 ok, 1 failed · .*`probe:fails` error$/,
    );
  });

  it('disables and enables a hook, and names the known ids for an unknown one', async () => {
    const disabled = await w.owner.slash(w.guild, 'eh_disable', { hook_id: 'probe:fails' }).reply();
    expect(disabled.embeds[0]?.description).toContain('`probe:fails` is disabled');
    expect(hook('probe:fails')?.enabled).toBe(false);
    const result = await ping();
    expect(result.outcomes.find((o) => o.hookId === 'probe:fails')?.status).toBe(
      'skipped-disabled',
    );
    await w.owner.slash(w.guild, 'eh_enable', { hook_id: 'probe:fails' }).reply();
    expect(hook('probe:fails')?.enabled).toBe(true);
    const unknown = await w.owner.send(w.channel, '!eh_disable nope:nope').reply();
    expect(unknown.embeds[0]?.title).toBe('Unknown hook');
    expect(unknown.embeds[0]?.description).toContain('`probe:fails`');
  });

  it('posts a breaker alert to the alert channel and resets the circuit', async () => {
    const set = await w.owner.slash(w.guild, 'eh_alert_channel', { channel: alerts }).reply();
    expect(set.embeds[0]?.description).toContain(`<#${alerts.id}>`);
    for (let i = 0; i < 5 && hook('probe:fails')?.breaker !== 'open'; i++) await ping();
    expect(hook('probe:fails')?.breaker).toBe('open');
    await h.discord.waitFor(() =>
      alerts.messages().some((m) => m.embeds?.[0]?.title === 'Hook circuit breaker opened'),
    );
    const posted = alerts
      .messages()
      .find((m) => m.embeds?.[0]?.title === 'Hook circuit breaker opened');
    expect(posted?.embeds?.[0]?.description).toContain('`probe:fails`');
    const list = await w.owner.slash(w.guild, 'eh_list').reply();
    expect(
      (list.embeds[0] as Embed).fields?.find((f) => f.name === 'probe:fails')?.value,
    ).toContain('🔴 open');
    await w.owner.slash(w.guild, 'eh_reset_circuit', { hook_id: 'probe:fails' }).reply();
    expect(hook('probe:fails')?.breaker).toBe('closed');
  });

  it('refuses non-owners', async () => {
    for (const name of ['eh_list', 'eh_history', 'eh_alert_channel']) {
      const denied = await w.member.slash(w.guild, name).reply();
      expect(denied.embeds[0]?.description).toContain('only be used by the bot owners');
    }
    for (const name of ['eh_disable', 'eh_enable', 'eh_reset_circuit']) {
      const denied = await w.admin.slash(w.guild, name, { hook_id: 'probe:fails' }).reply();
      expect(denied.embeds[0]?.description).toContain('only be used by the bot owners');
    }
    expect(hook('probe:fails')?.enabled).toBe(true);
  });

  it(
    'keeps the alert channel across a restart',
    async () => {
      await h.restart();
      expect(await h.bot.extensions.get('hooks')?.alerts.get()).toBe(alerts.id);
    },
    BOOT_TIMEOUT_MS,
  );
});
