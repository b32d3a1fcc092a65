import { describe, expect, it } from 'vitest';
import { commandSetHash, diffCommands } from './command-diff.js';

const local = {
  name: 'ban',
  description: 'Ban a member',
  default_member_permissions: '4',
  options: [
    { type: 6, name: 'user', description: 'Who', required: true },
    { type: 7, name: 'log', description: 'Log channel', channel_types: [5, 0] },
  ],
};

/** What Discord returns for `local`: ids, version, defaults filled in, localised echoes. */
const remote = {
  id: '1100000000000000000',
  application_id: '1000000000000000000',
  version: '1100000000000000001',
  type: 1,
  name: 'ban',
  name_localizations: null,
  name_localized: 'ban',
  description: 'Ban a member',
  description_localizations: {},
  default_member_permissions: '4',
  dm_permission: true,
  nsfw: false,
  contexts: [0, 1, 2],
  integration_types: [0],
  options: [
    { type: 6, name: 'user', description: 'Who', required: true, name_localized: 'user' },
    { type: 7, name: 'log', description: 'Log channel', channel_types: [0, 5], required: false },
  ],
};

describe('diffCommands', () => {
  it('sees no change between a local command and Discord’s echo of it', () => {
    const diff = diffCommands([local], [remote]);
    expect(diff).toEqual({ create: [], update: [], remove: [], unchanged: [{ local, remote }] });
  });

  it('finds creates, updates and removes, sorted by type and name', () => {
    const changed = { ...local, description: 'Ban someone' };
    const menu = { type: 2, name: 'Report' };
    const stale = { ...remote, id: '2', name: 'old' };
    const diff = diffCommands(
      [menu, changed, { name: 'new', description: 'New' }],
      [stale, remote],
    );
    expect(diff.create.map((c) => c.name)).toEqual(['new', 'Report']);
    expect(diff.update).toEqual([{ local: changed, remote }]);
    expect(diff.remove).toEqual([stale]);
    expect(diff.unchanged).toEqual([]);
  });

  it('compares contexts when the local command sets them', () => {
    const diff = diffCommands([{ ...local, contexts: [0] }], [remote]);
    expect(diff.update).toHaveLength(1);
  });

  it('treats option order as significant', () => {
    const swapped = { ...local, options: [...local.options].reverse() };
    expect(diffCommands([swapped], [remote]).update).toHaveLength(1);
  });

  it('matches by type and name: a user command and a slash command may share a name', () => {
    const diff = diffCommands([{ type: 2, name: 'ban' }], [remote]);
    expect(diff.create).toHaveLength(1);
    expect(diff.remove).toEqual([remote]);
  });
});

describe('commandSetHash', () => {
  it('ignores command order, key order, defaults and response-only fields', () => {
    const a = [local, { type: 3, name: 'Quote' }];
    const reordered = [
      { name: 'Quote', type: 3, description: '' },
      {
        options: local.options,
        description: local.description,
        name: 'ban',
        default_member_permissions: '4',
        type: 1,
        nsfw: false,
      },
    ];
    expect(commandSetHash(reordered)).toBe(commandSetHash(a));
    // Unlike diffCommands, the hash has no local side to defer to: server-filled fields count.
    expect(commandSetHash([remote, { type: 3, name: 'Quote' }])).not.toBe(commandSetHash(a));
    expect(commandSetHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when anything Discord shows changes', () => {
    const base = commandSetHash([local]);
    expect(commandSetHash([{ ...local, description: 'Ban!' }])).not.toBe(base);
    expect(commandSetHash([{ ...local, nsfw: true }])).not.toBe(base);
    expect(commandSetHash([local, { name: 'x', description: 'X' }])).not.toBe(base);
  });
});
