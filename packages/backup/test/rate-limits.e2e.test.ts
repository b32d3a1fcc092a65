import type { TestBot } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBigGuild, wipeGuild } from './fixtures/big-guild.js';
import { guildShape } from './guild-shape.js';
import { startBackupBot } from './test-bot.js';

describe('restore pacing: the 48 h budget and a 429 storm', () => {
  let t: TestBot;
  let backupId: string;
  let before: Awaited<ReturnType<typeof guildShape>>;

  beforeAll(async () => {
    t = await startBackupBot({
      config: { extensions: { config: { backup: { budget: { roles: 25 } } } } },
    });
    await buildBigGuild(t.bot, t.guild.id, {
      roles: 30,
      channels: 40,
      memberId: t.member.id,
      bannable: [t.discord.createUser({ username: 'raider' }).id],
    });
    before = await guildShape(t.bot, t.guild.id);
    backupId = (await t.bot.extensions.get('backup')?.create(t.guild.id))?.id ?? '';
    await wipeGuild(t.bot, t.guild.id);
  }, 60_000);
  afterAll(() => t?.close());

  it('refuses up front, with the plan, a restore that would exceed the creation budget', async () => {
    const api = t.bot.extensions.get('backup');
    const plan = await api?.plan(t.guild.id, backupId);
    expect(plan?.cannotRestore[0]).toMatch(
      /creation budget .* would be exceeded: 3\d roles \(25 left\)/,
    );
    t.discord.clearRequests();
    const refused = await api?.restore(t.guild.id, backupId).catch((error: unknown) => error);
    // The bot loads the built package: compare by name and code, not class identity.
    expect(refused).toMatchObject({ name: 'BackupError', code: 'ZRX_BACKUP_BUDGET' });
    // Nothing was changed: only the reads of the plan.
    expect(t.discord.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('comes through a 429 storm and per-route buckets with every step made once', async () => {
    await t.restart({ extensions: { config: { backup: { budget: { roles: 250 } } } } });
    const api = t.bot.extensions.get('backup');
    const plan = await api?.plan(t.guild.id, backupId);
    t.discord.rateLimits.configure({ buckets: { limit: 10, windowMs: 250 } });
    t.discord.clearRequests();
    t.discord.rateLimits.storm(40, 100);
    const result = await api?.restore(t.guild.id, backupId);
    t.discord.rateLimits.configure({});
    expect(result).toMatchObject({ failed: 0, differences: [] });
    expect(t.discord.rateLimits.stats.limited).toBeGreaterThanOrEqual(40);
    const writes = t.discord.requests().filter((r) => r.method !== 'GET' && r.status < 300);
    expect(writes).toHaveLength(plan?.apiCalls ?? -1);
    expect(await guildShape(t.bot, t.guild.id)).toEqual(before);
  }, 120_000);

  it('cancels a running restore after its current step; a new restore finishes the work', async () => {
    const api = t.bot.extensions.get('backup');
    await wipeGuild(t.bot, t.guild.id);
    // Somewhere to type the command in (mirror mode deletes it at the end).
    const control = t.guild.createChannel({ name: 'control' });
    // Slow enough to be caught mid-way: 5 requests per 100 ms per route.
    t.discord.rateLimits.configure({ buckets: { limit: 5, windowMs: 100 } });
    const running = api?.restore(t.guild.id, backupId).catch((error: unknown) => error);
    await t.discord.waitFor(() => t.discord.requests().some((r) => r.method === 'POST'), {
      timeout: 10_000,
    });
    const reply = await t.guildOwner
      .slash(t.guild, 'backuprestore', { id: backupId, cancel: true }, { channel: control })
      .reply();
    expect(JSON.stringify(reply.embeds)).toContain('stops after its current step');
    expect(await running).toMatchObject({ code: 'ZRX_BACKUP_CANCELLED' });
    t.discord.rateLimits.configure({});
    expect(await api?.restore(t.guild.id, backupId, { mode: 'mirror' })).toMatchObject({
      failed: 0,
      differences: [],
    });
    expect(await guildShape(t.bot, t.guild.id)).toEqual(before);
  }, 120_000);
});
