import type { ExtensionApis, ExtensionContext, HookEvents } from '@zoryx/framework';
import { describe, expectTypeOf, it } from 'vitest';
import type { DailyApi } from '../extensions/daily/types.js';
import type { EconomyApi } from '../extensions/economy/types.js';

describe('the example extensions’ public types', () => {
  it('type ctx.extensions.get/require by extension name', () => {
    expectTypeOf<ExtensionApis['economy']>().toEqualTypeOf<EconomyApi>();
    expectTypeOf<ExtensionApis['daily']>().toEqualTypeOf<DailyApi>();
    expectTypeOf<ExtensionContext['extensions']['require']>().parameter(0).toExtend<string>();
  });

  it('type the hook events they emit', () => {
    expectTypeOf<HookEvents['daily_claimed']>().toEqualTypeOf<{
      readonly guildId: string;
      readonly userId: string;
      readonly amount: number;
      readonly streak: number;
    }>();
    expectTypeOf<HookEvents['balance_changed']['balance']>().toEqualTypeOf<number>();
  });
});
