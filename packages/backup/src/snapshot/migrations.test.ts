import { describe, expect, it } from 'vitest';
import { BackupError } from '../errors.js';
import { sha256 } from './canonical.js';
import { readSnapshot } from './migrations.js';

/**
 * A snapshot as the Python original (backup_restore.py 2.2.0) wrote it, its integer ids read as
 * strings (see `parseSnowflakeJson`: JSON numbers that large lose digits in JavaScript).
 */
const legacy = {
  version: '2.2.0',
  captured_at: '2025-01-01T00:00:00+00:00',
  guild: {
    id: '111111111111111111',
    name: 'Old',
    owner_id: '222222222222222222',
    icon_b64: Buffer.from('icon').toString('base64'),
  },
  server_settings: {
    verification_level: 2,
    default_notifications: 1,
    afk_timeout: 900,
    afk_channel_id: '333333333333333333',
  },
  roles: [
    {
      id: '444444444444444444',
      name: 'Mods',
      color: 255,
      hoist: true,
      mentionable: false,
      permissions_value: 8,
      position: 3,
    },
  ],
  categories: [{ id: '555555555555555555', name: 'Info', position: 0, overwrites: [] }],
  text_channels: [
    {
      id: '666666666666666666',
      name: 'rules',
      topic: 'Read me',
      slowmode_delay: 5,
      category_id: '555555555555555555',
      position: 1,
      overwrites: [{ target_id: '444444444444444444', target_type: 'role', allow: 1024, deny: 0 }],
    },
  ],
  voice_channels: [
    {
      id: '333333333333333333',
      name: 'AFK',
      bitrate: 64000,
      user_limit: 0,
      position: 2,
      overwrites: [],
    },
  ],
  emojis: [
    {
      id: '777777777777777777',
      name: 'wave',
      animated: false,
      managed: false,
      image_b64: Buffer.from('png').toString('base64'),
    },
  ],
  stickers: [],
  member_roles: [{ user_id: '888888888888888888', role_ids: ['444444444444444444'] }],
  bot_settings: { custom_prefix: '?', mention_prefix_enabled: false },
};

describe('readSnapshot', () => {
  it("migrates the Python original's 2.2.0 layout to version 1, images content-addressed", () => {
    const { snapshot, assets, migratedFrom } = readSnapshot(legacy);
    expect(migratedFrom).toBe('2.2.0');
    expect(snapshot.version).toBe(1);
    expect(snapshot.channels.map((c) => [c.name, c.type, c.parent_id])).toEqual([
      ['Info', 4, null],
      ['rules', 0, '555555555555555555'],
      ['AFK', 2, null],
    ]);
    expect(snapshot.channels[1]?.overwrites).toEqual([
      { id: '444444444444444444', type: 'role', allow: '1024', deny: '0' },
    ]);
    expect(snapshot.roles[0]).toMatchObject({ name: 'Mods', permissions: '8', position: 3 });
    expect(snapshot.settings).toMatchObject({
      verification_level: 2,
      afk_channel_id: '333333333333333333',
      icon: sha256(Buffer.from('icon')),
    });
    expect(snapshot.emojis[0]?.image).toBe(sha256(Buffer.from('png')));
    expect([...assets.keys()].sort()).toEqual(
      [sha256(Buffer.from('icon')), sha256(Buffer.from('png'))].sort(),
    );
    expect(snapshot.framework).toMatchObject({ prefix: '?', mentionPrefix: false });
    expect(snapshot.members).toEqual([
      { user_id: '888888888888888888', nick: null, roles: ['444444444444444444'] },
    ]);
  });

  it('accepts the current version as is and refuses anything else with the first problems', () => {
    const { snapshot } = readSnapshot(legacy);
    expect(readSnapshot(JSON.parse(JSON.stringify(snapshot))).migratedFrom).toBeNull();
    const broken = { ...snapshot, roles: [{ ...snapshot.roles[0], permissions: 'all' }] };
    expect(() => readSnapshot(broken)).toThrow(BackupError);
    expect(() => readSnapshot(broken)).toThrow(/roles\.0\.permissions/);
    expect(() => readSnapshot({ version: 99 })).toThrow(/Not a valid snapshot/);
  });
});

describe('parseSnowflakeJson', () => {
  it('keeps every digit of large integer ids (the original wrote them as numbers)', async () => {
    const { parseSnowflakeJson } = await import('../transfer.js');
    expect(
      parseSnowflakeJson(
        '{"id": 555555555555555555, "ids": [444444444444444444,1], "n": 5, "s": "7777777777777777777"}',
      ),
    ).toEqual({
      id: '555555555555555555',
      ids: ['444444444444444444', 1],
      n: 5,
      s: '7777777777777777777',
    });
  });
});
