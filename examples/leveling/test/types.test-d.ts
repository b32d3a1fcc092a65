import type { ExtensionApis, GuildTables, HookEvents } from '@zoryx/framework';
import { describe, expectTypeOf, it } from 'vitest';
import type { AwardResult, LevelingApi } from '../index.js';

describe('the leveling extension’s public types', () => {
  it('types ctx.extensions.get("leveling")', () => {
    expectTypeOf<ExtensionApis['leveling']>().toEqualTypeOf<LevelingApi>();
    expectTypeOf<LevelingApi['award']>().returns.resolves.toEqualTypeOf<AwardResult>();
  });

  it('types its hook event and its table', () => {
    expectTypeOf<HookEvents['level_up']['level']>().toEqualTypeOf<number>();
    expectTypeOf<HookEvents['level_up']['rolesGiven']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<GuildTables['leveling_xp']['xp']>().toEqualTypeOf<number>();
  });

  it('sees the moderation event it optionally listens to', () => {
    expectTypeOf<HookEvents['moderation_action']['action']>().toEqualTypeOf<
      'ban' | 'kick' | 'timeout'
    >();
  });
});
