import type { TestBot } from '@zoryx/testing';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackupBot } from './test-bot.js';

const textOf = (message: { content: string; embeds: { description?: string; title?: string }[] }) =>
  [message.content, ...message.embeds.map((e) => `${e.title ?? ''} ${e.description ?? ''}`)].join(
    ' ',
  );

describe('member roles and nicknames (opt-in), and restoring into another guild', () => {
  let t: TestBot;
  let id = '';

  beforeAll(async () => {
    t = await startBackupBot({
      config: { extensions: { config: { backup: { captureMembers: true } } } },
    });
    const mods = t.guild.createRole({ name: 'Mods', permissions: ['KickMembers'] });
    t.guild.addRoles(t.member, [mods]);
    await t.bot.rest.patch(Routes.guildMember(t.guild.id, t.member.id), { body: { nick: 'Memo' } });
    id = (await t.bot.extensions.get('backup')?.create(t.guild.id))?.id ?? '';
  });
  afterAll(() => t?.close());

  it('gives members their roles (through the id map) and nicknames back', async () => {
    const mods = (await t.bot.rest.get(Routes.guildRoles(t.guild.id))) as {
      id: string;
      name: string;
    }[];
    await t.bot.rest.delete(
      Routes.guildRole(t.guild.id, mods.find((r) => r.name === 'Mods')?.id ?? ''),
    );
    await t.bot.rest.patch(Routes.guildMember(t.guild.id, t.member.id), { body: { nick: null } });
    const result = await t.bot.extensions.get('backup')?.restore(t.guild.id, id);
    expect(result).toMatchObject({ failed: 0, differences: [] });
    const roles = (await t.bot.rest.get(Routes.guildRoles(t.guild.id))) as {
      id: string;
      name: string;
    }[];
    const newMods = roles.find((r) => r.name === 'Mods')?.id;
    expect(t.guild.member(t.member)).toMatchObject({ nick: 'Memo', roles: [newMods] });
  });

  it("restores another guild's backup only for someone who owns both", async () => {
    const beta = await t.createWorld('Beta');
    const refused = await beta.guildOwner
      .slash(beta.guild, 'backuprestore', { id, source: t.guild.id, confirm: true })
      .reply();
    expect(textOf(refused)).toMatch(/ownership of both/);
    const started = await t.owner
      .slash(beta.guild, 'backuprestore', { id, source: t.guild.id, confirm: true })
      .reply();
    const done = await t.discord.waitFor(
      () =>
        t.discord
          .messages(beta.channel)
          .find(
            (m) => m.id === started.id && JSON.stringify(m.embeds).includes('Restore finished'),
          ),
      { timeout: 20_000, description: 'the restore result' },
    );
    expect(JSON.stringify(done.embeds)).toContain('Verified: the server matches the backup');
    expect(beta.guild.roles().some((r) => r.name === 'Mods')).toBe(true);
  });

  it('leaves roles at or above its own highest role alone, says so, and still orders the rest', async () => {
    const api = t.bot.extensions.get('backup');
    const top = t.guild.createRole({ name: 'Owners' });
    top.setPosition(t.guild.botRole.raw.position + 1);
    const low = t.guild.createRole({ name: 'Helpers' });
    const backup = (await api?.create(t.guild.id, { label: 'with a top role' }))?.id ?? '';
    await t.bot.rest.patch(Routes.guildRole(t.guild.id, low.id), { body: { color: 0x00ff00 } });
    const plan = await api?.plan(t.guild.id, backup);
    expect(plan?.cannotRestore).toContain("role Owners: at or above the bot's highest role");
    const result = await api?.restore(t.guild.id, backup);
    expect(result).toMatchObject({ failed: 0, updated: expect.any(Number) });
    expect(t.guild.roles().find((r) => r.id === low.id)?.color).toBe(0);
  });
});
