import type { TestBot } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackupBot } from './test-bot.js';

const textOf = (message: { content: string; embeds: { description?: string; title?: string }[] }) =>
  [message.content, ...message.embeds.map((e) => `${e.title ?? ''} ${e.description ?? ''}`)].join(
    ' ',
  );

describe('backup commands (slash, as the guild owner, an admin and a member)', () => {
  let t: TestBot;
  let id = '';

  beforeAll(async () => {
    t = await startBackupBot();
    t.guild.createRole({ name: 'Moderators', permissions: ['KickMembers'] });
    t.guild.createChannel({ name: 'rules', topic: 'Be nice' });
  });
  afterAll(() => t?.close());

  it('lets Manage Guild create a backup and refuses members without it', async () => {
    const denied = await t.member.slash(t.guild, 'backupcreate').reply();
    expect(denied.ephemeral).toBe(true);
    const created = await t.admin.slash(t.guild, 'backupcreate', { label: 'first' }).reply();
    expect(textOf(created)).toMatch(/Backup created/);
    id = /`([0-9a-f]{12})`/.exec(textOf(created))?.[1] ?? '';
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const again = await t.admin.slash(t.guild, 'backupcreate', { label: 'second' }).reply();
    expect(textOf(again)).toMatch(/try again in \d+ s/);
  });

  it('lists, views, notes, pins (pinned ones cannot be deleted) and verifies', async () => {
    expect(textOf(await t.admin.slash(t.guild, 'backuplist').reply())).toContain('first');
    expect(textOf(await t.admin.slash(t.guild, 'backupview', { id }).reply())).toMatch(
      /Roles \d+ · categories/,
    );
    expect(
      textOf(await t.admin.slash(t.guild, 'backupnote', { id, note: 'x'.repeat(501) }).reply()),
    ).toMatch(/at most 500/);
    await t.admin.slash(t.guild, 'backupnote', { id, note: 'before the event' }).reply();
    await t.admin.slash(t.guild, 'backuppin', { id }).reply();
    expect(textOf(await t.admin.slash(t.guild, 'backupdelete', { id }).reply())).toMatch(/pinned/);
    expect(textOf(await t.admin.slash(t.guild, 'backupverify', { id }).reply())).toMatch(/intact/);
  });

  it('shows the plan first and restores only for the guild owner, editing one message', async () => {
    const moderators = t.guild.roles().find((r) => r.name === 'Moderators');
    const rules = t.guild.channels().find((c) => c.name === 'rules');
    rules?.delete();
    expect(moderators).toBeDefined();
    const denied = await t.admin.slash(t.guild, 'backuprestore', { id, confirm: true }).reply();
    expect(denied.ephemeral).toBe(true);
    const plan = await t.guildOwner.slash(t.guild, 'backuprestore', { id }).reply();
    expect(textOf(plan)).toMatch(/Restore plan.*\*\*\d+\*\* steps, \*\*2\*\* Discord calls/s);
    const started = await t.guildOwner
      .slash(t.guild, 'backuprestore', { id, confirm: true })
      .reply();
    // One message: the deferred reply, edited with progress, then with the result.
    const done = await t.discord.waitFor(
      () =>
        t.discord
          .messages(t.channel)
          .find(
            (m) => m.id === started.id && JSON.stringify(m.embeds).includes('Restore finished'),
          ),
      { timeout: 20_000, description: 'the restore result' },
    );
    expect(textOf({ content: done.content, embeds: done.embeds })).toMatch(
      /Verified: the server matches the backup/,
    );
    expect(t.guild.channels().some((c) => c.name === 'rules')).toBe(true);
  });

  it('diffs against the live server and shows the dashboard views and audit log', async () => {
    t.guild.createRole({ name: 'Newcomers' });
    const diff = await t.admin.slash(t.guild, 'backupdiff', { id }).reply();
    expect(textOf(diff)).toMatch(/Added \(1\)[\s\S]*role Newcomers/);
    const compare = await t.admin.slash(t.guild, 'backup', { view: 'compare' }).reply();
    expect(textOf(compare)).toMatch(/Drift \*\*1\*\* \(minimal\)/);
    // `/backup` has the original's cooldown (once per 10 s per user): another admin asks.
    const admin2 = t.addMember('admin2', { roles: [t.adminRole] });
    const audit = await admin2.slash(t.guild, 'backup', { view: 'audit' }).reply();
    for (const action of ['create', 'note', 'pin', 'verify', 'restore'])
      expect(textOf(audit)).toContain(`**${action}**`);
  });

  it('schedules automatic backups once per guild however often the bot restarts', async () => {
    const enabled = await t.admin
      .slash(t.guild, 'backupschedule', { action: 'enable', hours: 12 })
      .reply();
    expect(textOf(enabled)).toMatch(/every 12 h/);
    await t.restart();
    await t.admin.slash(t.guild, 'backupschedule', { action: 'enable', hours: 6 }).reply();
    const status = await t.admin.slash(t.guild, 'backupschedule', { action: 'status' }).reply();
    expect(textOf(status)).toMatch(/every 6 h/);
    const out = await t.admin
      .slash(t.guild, 'backupschedule', { action: 'enable', hours: 0 })
      .reply();
    expect(textOf(out)).toMatch(/1–168 hours/);
    expect(
      textOf(await t.admin.slash(t.guild, 'backupschedule', { action: 'status' }).reply()),
    ).toMatch(/every 6 h/);
  });

  it('exports a backup as a JSON file for the guild owner', async () => {
    const exported = await t.guildOwner.slash(t.guild, 'backupexport', { id }).reply();
    expect(exported.content).toMatch(new RegExp(`Backup \`${id}\``));
    expect(exported.raw.attachments[0]?.filename).toBe(`backup_${t.guild.id}_${id}.json`);
  });
});
