import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from './database.js';
import { DbError } from './errors.js';
import { guildId, tempDir } from './testing/temp-dir.js';
import type { ZoryxDatabase } from './zoryx-database.js';

describe('settings', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: ZoryxDatabase;

  beforeEach(() => {
    tmp = tempDir('settings');
    db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
  });
  afterEach(async () => {
    await db.close();
    tmp.cleanup();
  });

  it('returns the defaults for a guild that never set anything', async () => {
    expect(await db.settings(guildId(1)).getAll()).toEqual({
      prefix: '!',
      mentionPrefix: true,
      locale: null,
    });
  });

  it('uses configured defaults', async () => {
    const custom = createDatabase({
      dir: tmp.dir,
      backups: { onClose: false },
      settings: { defaults: { prefix: '?' } },
    });
    expect(await custom.settings(guildId(2)).get('prefix')).toBe('?');
    await custom.close();
  });

  it('stores values, serves them from the cache and invalidates on set', async () => {
    const id = guildId(3);
    await db.settings(id).set('prefix', '$$');
    expect(await db.settings(id).get('prefix')).toBe('$$');
    const before = db.stats().settingsCache;
    expect(await db.settings(id).get('prefix')).toBe('$$');
    expect(db.stats().settingsCache.hits).toBe(before.hits + 1);
    expect(db.stats().settingsCache.misses).toBe(before.misses);

    await db.settings(id).set('mentionPrefix', false); // the original forgot this one (C17)
    expect(await db.settings(id).get('mentionPrefix')).toBe(false);
    expect(db.stats().settingsCache.misses).toBe(before.misses + 1);
    await db.settings(id).set('locale', 'de-DE');
    expect(await db.settings(id).getAll()).toEqual({
      prefix: '$$',
      mentionPrefix: false,
      locale: 'de-DE',
    });
  });

  it('persists across restarts and resets to the default', async () => {
    const id = guildId(4);
    await db.settings(id).set('prefix', '>>');
    await db.close();
    db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    expect(await db.settings(id).get('prefix')).toBe('>>');
    await db.settings(id).reset('prefix');
    expect(await db.settings(id).get('prefix')).toBe('!');
  });

  it('keeps guilds apart', async () => {
    await db.settings(guildId(5)).set('prefix', 'a');
    await db.settings(guildId(6)).set('prefix', 'b');
    expect(await db.settings(guildId(5)).get('prefix')).toBe('a');
    expect(await db.settings(guildId(6)).get('prefix')).toBe('b');
  });

  it('rejects unknown keys at run time with ZRX_DB_SETTING', async () => {
    const settings = db.settings(guildId(7));
    await expect(settings.get('colour' as never)).rejects.toMatchObject({
      code: 'ZRX_DB_SETTING',
    });
    await expect(settings.set('colour' as never, 'red' as never)).rejects.toBeInstanceOf(DbError);
  });

  it.each([
    ['prefix', ''],
    ['prefix', 'toolong'],
    ['prefix', 'a b'],
    ['prefix', 5],
    ['mentionPrefix', 'yes'],
    ['locale', 'not a locale'],
  ])('rejects %s = %j without writing', async (key, value) => {
    const settings = db.settings(guildId(8));
    await expect(settings.set(key as never, value as never)).rejects.toMatchObject({
      code: 'ZRX_DB_SETTING',
    });
    expect(await settings.getAll()).toEqual({ prefix: '!', mentionPrefix: true, locale: null });
  });

  it('rejects invalid default overrides', () => {
    expect(() =>
      createDatabase({ dir: tmp.dir, settings: { defaults: { prefix: 'a b' } } }),
    ).toThrow(expect.objectContaining({ code: 'ZRX_DB_SETTING' }));
  });

  it('never caches a value a concurrent write replaced', async () => {
    const id = guildId(9);
    await db.settings(id).set('prefix', 'old');
    // A read that starts before the write and a write racing it: afterwards the cache must
    // hold the new value, whatever the interleaving.
    const read = db.settings(id).get('prefix');
    const write = db.settings(id).set('prefix', 'new');
    await Promise.all([read, write]);
    expect(await db.settings(id).get('prefix')).toBe('new');
  });

  it('throws ZRX_DB_GUILD_ID for ids that are not snowflakes', () => {
    for (const bad of ['../etc', '123', 'abc'.repeat(6), '1'.repeat(21), '']) {
      expect(() => db.settings(bad)).toThrow(expect.objectContaining({ code: 'ZRX_DB_GUILD_ID' }));
    }
  });
});
