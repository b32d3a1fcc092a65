import { describe, expect, it } from 'vitest';
import {
  assertListener,
  type BackupSteps,
  backup,
  backupAll,
  listBackups,
  noGuildToBackUp,
  notifyReset,
  subscribe,
} from './database-common.js';
import { DbError } from './errors.js';
import { guildId } from './testing/temp-dir.js';
import type { GuildResetListener } from './zoryx-database.js';

// The behaviour both backends share, with the backend parts passed in; the contract suite runs
// the same through real SQLite and PostgreSQL databases.
describe('database common', () => {
  /** Backup steps over an in-memory record of what was backed up; `gone` and `failing` fail. */
  function steps(gone: string, failing: string, errors: unknown[]): BackupSteps {
    return {
      backupMain: async () => '/backups/main',
      backupGuild: async (id) => {
        if (id === gone) throw noGuildToBackUp(id);
        if (id === failing) throw new DbError('ZRX_DB_BACKUP', `disk full for ${id}`);
        return `/backups/${id}`;
      },
      list: (key) => [`/backups/${key}/1.db`],
      touched: new Set<string>(),
      onError: (error) => errors.push(error),
    };
  }

  it('backs up main and touched guilds, drops gone ones and keeps failed ones for the next run', async () => {
    const [kept, gone, failing] = [guildId(1), guildId(2), guildId(3)];
    const errors: unknown[] = [];
    const backend = steps(gone, failing, errors);
    for (const id of [kept, gone, failing]) backend.touched.add(id);
    expect(await backupAll(backend)).toEqual(['/backups/main', `/backups/${kept}`]);
    expect([...backend.touched]).toEqual([failing]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'ZRX_DB_BACKUP' });
  });

  it('checks the guild id before a single backup or listing', async () => {
    const backend = steps(guildId(2), guildId(3), []);
    expect(await backup(backend, undefined)).toEqual(['/backups/main']);
    expect(await backup(backend, guildId(4))).toEqual([`/backups/${guildId(4)}`]);
    await expect(backup(backend, 'general')).rejects.toMatchObject({ code: 'ZRX_DB_GUILD_ID' });
    await expect(backup(backend, guildId(2))).rejects.toMatchObject({ code: 'ZRX_DB_INPUT' });
    expect(listBackups(backend, undefined)).toEqual(['/backups/main/1.db']);
    expect(() => listBackups(backend, 'general')).toThrow(DbError);
  });

  it('runs every reset listener even when one throws, and unsubscribes', () => {
    const listeners = new Set<GuildResetListener>();
    const heard: string[] = [];
    const errors: unknown[] = [];
    subscribe(listeners, () => {
      throw new Error('listener bug');
    });
    const stop = subscribe(listeners, (id, reason) => heard.push(`${id}:${reason}`));
    notifyReset(listeners, guildId(5), 'restore', (error) => errors.push(error));
    expect(heard).toEqual([`${guildId(5)}:restore`]);
    expect(errors).toHaveLength(1);
    stop();
    notifyReset(listeners, guildId(5), 'remove', () => undefined);
    expect(heard).toHaveLength(1);
  });

  it('rejects a listener that is not a function, naming the method', () => {
    expect(() => assertListener('onCorrupt', null)).toThrow(/onCorrupt needs a function, got null/);
    expect(() => assertListener('onGuildReset', () => undefined)).not.toThrow();
  });
});
