import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type ZoryxDatabase } from '@zoryx/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FrameworkData } from '../client/framework-data.js';
import { FrameworkError } from '../errors.js';
import { settingsSync } from './guild-settings.js';
import type { GuildSettingKey, GuildSettingValues } from './setting-schema.js';

/** The `n`th test guild id: a valid 18-digit snowflake. */
const guildId = (n: number) => String(100_000_000_000_000_000n + BigInt(n));

describe('guild settings (real SQLite)', () => {
  let dir: string;
  let db: ZoryxDatabase;
  let data: FrameworkData;
  let defaults: GuildSettingValues;

  const open = () => {
    db = createDatabase({ dir, backups: { onClose: false } });
    data = new FrameworkData({
      db,
      defaults: () => defaults,
      onError: (error) => {
        throw error;
      },
      usage: { flushIntervalMs: 0 },
    });
  };
  const settings = (n: number) => data.settingsOf(guildId(n));
  /** A key/value the types refuse, to reach the run-time checks. */
  const unknownKey = 'colour' as string as GuildSettingKey;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zoryx-settings-'));
    defaults = { prefix: '!', mentionPrefix: true, locale: null };
    open();
  });
  afterEach(async () => {
    await data.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the defaults for a guild that never set anything, and follows them', async () => {
    expect(await settings(1).getAll()).toEqual({ prefix: '!', mentionPrefix: true, locale: null });
    // The defaults come from the config: a changed config shows at once, cache or not.
    defaults = { ...defaults, prefix: '?' };
    expect(await settings(1).get('prefix')).toBe('?');
  });

  it('tells sync listeners of local writes, and drops a guild written elsewhere', async () => {
    // A second process over the same database: it caches the value, then the first writes it.
    const other = new FrameworkData({
      db,
      defaults: () => defaults,
      onError: (error) => {
        throw error;
      },
      usage: { flushIntervalMs: 0 },
    });
    const written: string[] = [];
    const off = settingsSync.onLocalWrite((id) => written.push(id));
    try {
      expect(await other.settingsOf(guildId(9)).get('prefix')).toBe('!');
      await settings(9).set('prefix', '%');
      await settings(9).reset('locale');
      expect(written).toEqual([guildId(9), guildId(9)]);
      expect(await other.settingsOf(guildId(9)).get('prefix')).toBe('!'); // stale: its own cache
      settingsSync.invalidate(guildId(9));
      expect(await other.settingsOf(guildId(9)).get('prefix')).toBe('%');
    } finally {
      off();
      await other.close();
    }
  });

  it('stores values, serves them from the cache and invalidates on set', async () => {
    await settings(3).set('prefix', '$$');
    expect(await settings(3).get('prefix')).toBe('$$');
    const before = data.stats().settingsCache;
    expect(await settings(3).get('prefix')).toBe('$$');
    expect(data.stats().settingsCache.hits).toBe(before.hits + 1);
    expect(data.stats().settingsCache.misses).toBe(before.misses);

    await settings(3).set('mentionPrefix', false); // the original forgot this one (C17)
    expect(await settings(3).get('mentionPrefix')).toBe(false);
    expect(data.stats().settingsCache.misses).toBe(before.misses + 1);
    await settings(3).set('locale', 'de-DE');
    expect(await settings(3).getAll()).toEqual({
      prefix: '$$',
      mentionPrefix: false,
      locale: 'de-DE',
    });
  });

  it('stores rows as JSON in the guild table guild_settings, created by owner framework', async () => {
    await settings(4).set('locale', null);
    await settings(4).set('prefix', '>>');
    const guild = await db.guild(guildId(4));
    const rows = await guild
      .selectFrom('guild_settings')
      .select(['key', 'value'])
      .orderBy('key')
      .execute();
    expect(rows).toEqual([
      { key: 'locale', value: 'null' },
      { key: 'prefix', value: '">>"' },
    ]);
    // A stored null is a value, not "unset": it wins over a non-null default.
    defaults = { ...defaults, locale: 'en-US' };
    expect(await settings(4).get('locale')).toBeNull();
  });

  it('persists across restarts and resets to the default', async () => {
    await settings(5).set('prefix', '>>');
    await data.close();
    await db.close();
    open();
    expect(await settings(5).get('prefix')).toBe('>>');
    await settings(5).reset('prefix');
    expect(await settings(5).get('prefix')).toBe('!');
  });

  it('keeps guilds apart', async () => {
    await settings(6).set('prefix', 'a');
    await settings(7).set('prefix', 'b');
    expect(await settings(6).get('prefix')).toBe('a');
    expect(await settings(7).get('prefix')).toBe('b');
  });

  it('ignores stored rows of unknown keys or invalid values', async () => {
    await settings(8).set('prefix', 'ok'); // creates the guild database and the table
    const guild = await db.guild(guildId(8));
    await guild
      .insertInto('guild_settings')
      .values([
        { key: 'colour', value: '"red"', updated_at: 1 },
        { key: 'mentionPrefix', value: '"yes"', updated_at: 1 },
        { key: 'locale', value: '{broken', updated_at: 1 },
      ])
      .execute();
    await settings(8).reset('prefix'); // invalidates the cache
    expect(await settings(8).getAll()).toEqual({ prefix: '!', mentionPrefix: true, locale: null });
  });

  it('rejects unknown keys at run time with ZRX_GUILD_SETTING', async () => {
    await expect(settings(9).get(unknownKey)).rejects.toMatchObject({ code: 'ZRX_GUILD_SETTING' });
    await expect(settings(9).reset(unknownKey)).rejects.toBeInstanceOf(FrameworkError);
  });

  it.each([
    ['prefix', ''],
    ['prefix', 'toolong'],
    ['prefix', 'a b'],
    ['prefix', 5],
    ['mentionPrefix', 'yes'],
    ['locale', 'not a locale'],
  ])('rejects %s = %j without writing', async (key, value) => {
    // Loosely typed on purpose: these values are type errors, the run-time check is under test.
    const loose: { set(key: string, value: unknown): Promise<void> } = settings(10);
    await expect(loose.set(key, value)).rejects.toMatchObject({ code: 'ZRX_GUILD_SETTING' });
    expect(await settings(10).getAll()).toEqual({ prefix: '!', mentionPrefix: true, locale: null });
  });

  it('never caches a value a concurrent write replaced', async () => {
    await settings(11).set('prefix', 'old');
    // A read that starts before the write and a write racing it: afterwards the cache must
    // hold the new value, whatever the interleaving.
    const read = settings(11).get('prefix');
    const write = settings(11).set('prefix', 'new');
    await Promise.all([read, write]);
    expect(await settings(11).get('prefix')).toBe('new');
  });

  it('drops a guild from the cache when its database is removed or restored', async () => {
    const id = guildId(12);
    await settings(12).set('prefix', 'gone');
    expect(await settings(12).get('prefix')).toBe('gone'); // cached now
    await db.removeGuild(id, { backupFirst: true });
    expect(await settings(12).get('prefix')).toBe('!'); // a fresh database, not the cache
    const [backup] = db.listBackups(id);
    await db.restoreGuild(id, backup!);
    expect(await settings(12).get('prefix')).toBe('gone');
  });

  it('throws ZRX_GUILD_SETTING for ids that are not snowflakes', () => {
    for (const bad of ['../etc', '123', 'abc'.repeat(6), '1'.repeat(21), '']) {
      expect(() => data.settingsOf(bad)).toThrow(
        expect.objectContaining({ code: 'ZRX_GUILD_SETTING' }),
      );
    }
  });
});
