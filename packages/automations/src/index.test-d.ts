import type { ZoryxClient } from '@zoryx/framework';
import { describe, expectTypeOf, it } from 'vitest';
import type { AutomationsApi, Rule, RuleValidation } from './index.js';

declare const bot: ZoryxClient;

describe('public types', () => {
  it('types bot.extensions.get("automations") by the ExtensionApis augmentation', () => {
    expectTypeOf(bot.extensions.get('automations')).toEqualTypeOf<AutomationsApi | undefined>();
  });

  it('keeps the contract of the issue', () => {
    expectTypeOf<AutomationsApi['validate']>().returns.toEqualTypeOf<RuleValidation>();
    expectTypeOf<AutomationsApi['create']>().returns.resolves.toEqualTypeOf<{ id: string }>();
    expectTypeOf<AutomationsApi['list']>().returns.resolves.toEqualTypeOf<
      Array<{ id: string; name: string; enabled: boolean }>
    >();
    expectTypeOf<AutomationsApi['presets']>().returns.toEqualTypeOf<string[]>();
    expectTypeOf<AutomationsApi['fromPreset']>().returns.toEqualTypeOf<unknown>();
    expectTypeOf<AutomationsApi['remove']>().returns.resolves.toEqualTypeOf<void>();
    expectTypeOf<Awaited<ReturnType<AutomationsApi['test']>>>().toMatchTypeOf<{
      matched: boolean;
      actions: string[];
    }>();
    expectTypeOf<Rule['version']>().toEqualTypeOf<1>();
  });
});
