import type { TestBot } from '@zoryx/testing';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBigGuild, wipeGuild } from './fixtures/big-guild.js';
import { guildShape } from './guild-shape.js';
import { startBackupBot } from './test-bot.js';

describe('backup → wipe → restore of a large guild (emulator + discord.js)', () => {
  let t: TestBot;
  let guildId: string;
  let before: Awaited<ReturnType<typeof guildShape>>;
  let backupId: string;

  beforeAll(async () => {
    t = await startBackupBot();
    guildId = t.guild.id;
    const banned = Array.from(
      { length: 5 },
      (_, i) => t.discord.createUser({ username: `raider-${i}` }).id,
    );
    const fixture = await buildBigGuild(t.bot, guildId, {
      roles: 100,
      channels: 200,
      memberId: t.member.id,
      bannable: banned,
    });
    await t.bot.settings(guildId).set('prefix', '?');
    await t.bot.commandRoles.allow(guildId, 'ping', fixture.roleIds[3] ?? '');
    await t.bot.extensions.get('notes')?.write(guildId, {
      welcomeRole: fixture.roleIds[5],
      text: `Welcome! Ask <@&${fixture.roleIds[5]}> in <#${fixture.channelIds[20]}>.`,
    });
    before = await guildShape(t.bot, guildId);
  }, 120_000);
  afterAll(() => t?.close());

  it('captures every component, with a full SHA-256, and verifies it', async () => {
    const api = t.bot.extensions.get('backup');
    const created = await api?.create(guildId, { label: 'before the raid' });
    expect(created?.checksum).toMatch(/^[0-9a-f]{64}$/);
    backupId = created?.id ?? '';
    expect(await api?.list(guildId)).toEqual([
      expect.objectContaining({ id: backupId, label: 'before the raid', pinned: false }),
    ]);
    expect(await api?.verify(guildId, backupId)).toEqual({ ok: true });
    expect(before.roles.length).toBeGreaterThanOrEqual(100);
    expect(before.channels.length).toBeGreaterThanOrEqual(200);
    expect(new Set(before.channels.map((c) => c.type))).toEqual(new Set([0, 2, 4, 5, 13, 15, 16]));
    expect([
      before.automod.length,
      before.bans.length,
      before.emojis.length,
      before.stickers.length,
    ]).toEqual([3, 5, 12, 3]);
    expect(
      before.channels.filter((c) =>
        c.overwrites.some((o) => String(o.target).startsWith('member:')),
      ),
    ).not.toHaveLength(0);
  });

  it('plans nothing for the unchanged guild', async () => {
    const plan = await t.bot.extensions.get('backup')?.plan(guildId, backupId);
    // Only the local steps: the framework's settings and the notes extension's data.
    expect(plan).toEqual({ steps: 2, apiCalls: 0, cannotRestore: [] });
  });

  it('restores a wiped guild to structural equality through the id map', async () => {
    const api = t.bot.extensions.get('backup');
    await wipeGuild(t.bot, guildId);
    await t.bot.settings(guildId).set('prefix', '!');
    await t.bot.extensions.get('notes')?.write(guildId, null);
    const wiped = await guildShape(t.bot, guildId);
    expect(wiped.channels).toEqual([]);

    const plan = await api?.plan(guildId, backupId);
    expect(plan?.cannotRestore).toEqual([]);
    expect(plan?.apiCalls).toBeGreaterThan(300);

    const result = await api?.restore(guildId, backupId);
    expect(result?.failed).toBe(0);
    expect(result?.differences).toEqual([]);
    expect(result?.created).toBeGreaterThan(300);

    const after = await guildShape(t.bot, guildId);
    expect(after).toEqual(before);
    expect(await t.bot.settings(guildId).get('prefix')).toBe('?');
  });

  it("rewrites ids inside extensions' data and the framework's command roles", async () => {
    const roles = (await t.bot.rest.get(Routes.guildRoles(guildId))) as {
      id: string;
      name: string;
    }[];
    const channels = (await t.bot.rest.get(Routes.guildChannels(guildId))) as {
      id: string;
      name: string;
    }[];
    const role5 = roles.find((r) => r.name === 'role-005')?.id;
    const role3 = roles.find((r) => r.name === 'role-003')?.id;
    const text0 = channels.find((c) => c.name === 'text-0')?.id;
    expect(await t.bot.extensions.get('notes')?.read(guildId)).toEqual({
      welcomeRole: role5,
      text: `Welcome! Ask <@&${role5}> in <#${text0}>.`,
    });
    expect(await t.bot.commandRoles.rolesFor(guildId, 'ping')).toEqual([role3]);
  });

  it('merges into a partly changed guild touching only what differs', async () => {
    const api = t.bot.extensions.get('backup');
    const rest = t.bot.rest;
    const roles = (await rest.get(Routes.guildRoles(guildId))) as { id: string; name: string }[];
    const channels = (await rest.get(Routes.guildChannels(guildId))) as {
      id: string;
      name: string;
    }[];
    const id = (name: string) => channels.find((c) => c.name === name)?.id ?? '';
    await rest.patch(
      Routes.guildRole(guildId, roles.find((r) => r.name === 'role-010')?.id ?? ''),
      {
        body: { color: 0x123456 },
      },
    );
    await rest.patch(Routes.channel(id('text-6')), { body: { topic: 'vandalised' } });
    await rest.delete(Routes.channel(id('voice-7')));
    await rest.post(Routes.guildRoles(guildId), { body: { name: 'added-later' } });

    const plan = await api?.plan(guildId, backupId);
    // role update, channel update, channel create, channel positions + the two local steps.
    expect(plan).toEqual({ steps: 6, apiCalls: 4, cannotRestore: [] });
    t.discord.clearRequests();
    const result = await api?.restore(guildId, backupId);
    expect(result).toEqual({ created: 1, updated: 5, deleted: 0, failed: 0, differences: [] });
    const writes = t.discord
      .requests()
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.route}`);
    expect(writes.sort()).toEqual(
      [
        'PATCH /guilds/:guild_id/roles/:role_id',
        'PATCH /channels/:channel_id',
        'POST /guilds/:guild_id/channels',
        'PATCH /guilds/:guild_id/channels',
      ].sort(),
    );
    // Merge deletes nothing: the role the snapshot lacks is still there.
    const after = (await rest.get(Routes.guildRoles(guildId))) as { name: string }[];
    expect(after.some((r) => r.name === 'added-later')).toBe(true);
  });

  it('runs one job per guild, and mirror mode also deletes what the backup lacks', async () => {
    const api = t.bot.extensions.get('backup');
    const plan = await api?.plan(guildId, backupId, { mode: 'mirror' });
    expect(plan).toMatchObject({ apiCalls: 1 });
    const [first, second] = await Promise.allSettled([
      api?.restore(guildId, backupId, { mode: 'mirror' }),
      api?.restore(guildId, backupId, { mode: 'mirror' }),
    ]);
    expect(first).toMatchObject({
      status: 'fulfilled',
      value: { deleted: 1, failed: 0, differences: [] },
    });
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'ZRX_BACKUP_BUSY' } });
    const roles = (await t.bot.rest.get(Routes.guildRoles(guildId))) as { name: string }[];
    expect(roles.some((r) => r.name === 'added-later')).toBe(false);
    expect(await guildShape(t.bot, guildId)).toEqual(before);
  });
});
