import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardClient } from './browser-less-client.js';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

interface AuditRow {
  action: string;
  target: string;
  result: string;
  before: string | null;
  after: string | null;
}

describe('storage page: per-guild database backups, back up and restore', () => {
  let d: DashboardBot;
  let owner: DashboardClient;
  let viewer: DashboardClient;
  beforeAll(async () => {
    d = await startDashboardBot();
    const viewerUser = d.t.addMember('storage-viewer');
    await d.t.restart({
      extensions: { config: { dashboard: { roles: { viewer: [viewerUser.id] } } } },
    });
    const login = async (userId: string) => {
      const client = new DashboardClient(d.url);
      const link = d.t.bot.extensions.get('dashboard')?.createLoginLink(userId) ?? '';
      expect((await client.loginWithLink(link)).status).toBe(303);
      return client;
    };
    owner = await login(d.t.owner.id);
    viewer = await login(viewerUser.id);
  });
  afterAll(() => d?.close());

  it('backs up from the page, restores only after the confirmation step, and audits both', async () => {
    const guildId = d.t.guild.id;
    const settings = d.t.bot.settings(guildId);
    await settings.set('prefix', 'b!');

    const storage = await (await owner.get('/storage')).text();
    expect(storage).toContain(`href="/storage/guilds/${guildId}"`);
    const backedUp = await owner.post(`/storage/guilds/${guildId}/backup`);
    const backedUpPage = await backedUp.text();
    expect(backedUp.status).toBe(200);
    expect(backedUpPage).toContain('Backed up:');
    // The page lists what the db service lists: one name per backup, never a path.
    const names = d.t.bot.db.listBackups(guildId).map((p) => p.split(/[\\/]/).pop() ?? p);
    expect(names.length).toBeGreaterThan(0);
    const file = names.at(-1) ?? '';
    expect(backedUpPage).toContain(file);
    expect(backedUpPage).not.toContain(d.t.bot.db.listBackups(guildId)[0]);

    await settings.set('prefix', 'a!');
    // Step one only asks: nothing is restored yet.
    const ask = await (await owner.post(`/storage/guilds/${guildId}/restore`, { file })).text();
    expect(ask).toContain('id="restore-question"');
    expect(ask).toContain('name="confirm" value="restore"');
    expect(ask).toContain('data-confirm=');
    expect(await settings.get('prefix')).toBe('a!');

    const done = await (
      await owner.post(`/storage/guilds/${guildId}/restore`, { file, confirm: 'restore' })
    ).text();
    expect(done).toContain(`Restored the guild&#39;s database from ${file}.`);
    expect(await d.t.bot.settings(guildId).get('prefix')).toBe('b!');

    // A path instead of one of this guild's backup names reaches nothing.
    const traversal = await (
      await owner.post(`/storage/guilds/${guildId}/restore`, {
        file: '../main.db',
        confirm: 'restore',
      })
    ).text();
    expect(traversal).toContain('No backup named ../main.db for this guild.');

    const rows = (
      (await (await owner.get('/api/audit/export')).json()) as { rows: AuditRow[] }
    ).rows.filter((r) => r.action.startsWith('storage.'));
    expect(rows.map((r) => [r.action, r.result])).toEqual([
      ['storage.backup', 'ok'],
      ['storage.restore', 'ok'],
      ['storage.restore', 'failed'],
    ]);
    expect(rows[1]?.target).toBe(`${guildId}/${file}`);
    // before/after are kept as JSON text in the chain.
    expect(JSON.parse(String(rows[1]?.after))).toEqual({ restoredFrom: file });
    expect(JSON.parse(String(rows[1]?.before))).toMatchObject({ newestBackup: file });
  });

  it('shows a viewer the backups without actions and refuses its back up and restore', async () => {
    const guildId = d.t.guild.id;
    const page = await viewer.get(`/storage/guilds/${guildId}`);
    const text = await page.text();
    expect(page.status).toBe(200);
    expect(text).toContain('id="guild-backups"');
    expect(text).not.toContain('Back up now');
    expect(text).not.toContain('Restore…');
    expect((await viewer.post(`/storage/guilds/${guildId}/backup`)).status).toBe(403);
    expect(
      (await viewer.post(`/storage/guilds/${guildId}/restore`, { file: 'x', confirm: 'restore' }))
        .status,
    ).toBe(403);
    // Without Origin, before any route: 403 as for every mutation.
    expect(
      (await owner.post(`/storage/guilds/${guildId}/backup`, {}, { origin: null })).status,
    ).toBe(403);
  });
});
