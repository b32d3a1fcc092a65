import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../snapshot/migrations.js';
import { COMPONENTS, type Snapshot } from '../snapshot/schema.js';
import { IdMap } from './id-map.js';
import { planRestore } from './plan.js';

function guild(
  id: string,
  roles: [string, string, number][],
  channels: [string, string, number, string | null][],
): Snapshot {
  const base = readSnapshot({
    version: '2.2.0',
    guild: { id, name: 'G', owner_id: '1'.repeat(18) },
  }).snapshot;
  return {
    ...base,
    components: [...COMPONENTS],
    roles: roles.map(([roleId, name, position]) => ({
      id: roleId,
      name,
      color: 0,
      hoist: false,
      mentionable: false,
      permissions: position === 99 ? '0' : '8',
      position,
      icon: null,
      unicode_emoji: null,
      managed: position === 99,
    })),
    channels: channels.map(([channelId, name, type, parent]) => ({
      ...{
        id: channelId,
        name,
        type: type as 0,
        position: 0,
        parent_id: parent,
        topic: null,
        nsfw: false,
      },
      ...{
        rate_limit_per_user: null,
        bitrate: null,
        user_limit: null,
        rtc_region: null,
        video_quality_mode: null,
      },
      ...{
        default_auto_archive_duration: null,
        default_thread_rate_limit_per_user: null,
        available_tags: [],
      },
      ...{
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: null,
        overwrites: [],
      },
    })),
  };
}

const context = { mode: 'merge' as const, components: new Set(COMPONENTS), botTopPosition: 50 };
const ID = (n: number) => String(100000000000000000n + BigInt(n));

describe('planRestore', () => {
  it('orders creates roles → positions → categories → channels → positions → permissions', () => {
    const snapshot = guild(
      ID(0),
      [
        [ID(1), 'Mods', 2],
        [ID(2), 'Members', 1],
      ],
      [
        [ID(3), 'Info', 4, null],
        [ID(4), 'rules', 0, ID(3)],
      ],
    );
    const live = guild(ID(9), [], []);
    const plan = planRestore(snapshot, live, context);
    expect(plan.steps.map((s) => `${s.kind} ${s.label}`)).toEqual([
      'role.create role Mods',
      'role.create role Members',
      'role.positions role positions',
      'channel.create channel #Info',
      'channel.create channel #rules',
      'channel.positions channel positions',
      'role.permissions permissions of Mods',
      'role.permissions permissions of Members',
      'framework.restore framework settings',
    ]);
    expect(plan.apiCalls).toBe(8);
    expect(plan.creates).toEqual({ roles: 2, channels: 2 });
  });

  it('matches by name (and mapped parent) in merge, deletes only in mirror, and reports managed roles', () => {
    const snapshot = guild(
      ID(0),
      [
        [ID(1), 'Mods', 2],
        [ID(5), 'Some Bot', 99],
      ],
      [
        [ID(3), 'Info', 4, null],
        [ID(4), 'rules', 0, ID(3)],
      ],
    );
    const live = guild(
      ID(9),
      [
        [ID(11), 'mods', 2],
        [ID(12), 'Extra', 1],
      ],
      [
        [ID(13), 'Info', 4, null],
        [ID(14), 'rules', 0, ID(13)],
        [ID(15), 'old', 0, null],
      ],
    );
    const merge = planRestore(snapshot, live, context);
    expect(merge.ids.toRecord()).toMatchObject({
      [ID(1)]: ID(11),
      [ID(3)]: ID(13),
      [ID(4)]: ID(14),
    });
    expect(merge.steps.filter((s) => s.kind.endsWith('.delete'))).toEqual([]);
    expect(merge.cannotRestore).toEqual([
      'role Some Bot: managed by an integration (re-add the integration)',
    ]);
    const mirror = planRestore(snapshot, live, { ...context, mode: 'mirror' });
    expect(mirror.steps.filter((s) => s.kind.endsWith('.delete')).map((s) => s.label)).toEqual([
      'channel #old',
      'role Extra',
    ]);
  });
});

describe('IdMap', () => {
  it('rewrites mentions and ids inside text and JSON, keys included, and leaves unknown ids alone', () => {
    const ids = new IdMap([[ID(1), ID(101)]]);
    expect(ids.rewriteText(`<@&${ID(1)}> and <#${ID(2)}>`)).toBe(`<@&${ID(101)}> and <#${ID(2)}>`);
    expect(ids.rewriteJson({ [ID(1)]: [ID(1), 3, { role: ID(1) }] })).toEqual({
      [ID(101)]: [ID(101), 3, { role: ID(101) }],
    });
  });
});
