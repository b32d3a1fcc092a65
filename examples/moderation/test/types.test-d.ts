import type { ExtensionApis, GuildTables, HookEvents } from '@zoryx/framework';
import { describe, expectTypeOf, it } from 'vitest';
import type { ModActionKind, ModerationApi } from '../index.js';

describe('the moderation extension’s public types', () => {
  it('types ctx.extensions.get("moderation")', () => {
    expectTypeOf<ExtensionApis['moderation']>().toEqualTypeOf<ModerationApi>();
  });

  it('types its hook event and its table', () => {
    expectTypeOf<HookEvents['moderation_action']['action']>().toEqualTypeOf<ModActionKind>();
    expectTypeOf<HookEvents['moderation_action']['durationMs']>().toEqualTypeOf<number | null>();
    expectTypeOf<GuildTables['mod_actions']['user_id']>().toEqualTypeOf<string>();
  });
});
