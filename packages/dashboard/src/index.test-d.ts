import type { ZoryxClient } from '@zoryx/framework';
import { expectTypeOf, test } from 'vitest';
import type { DashboardApi, DashboardConfigInput } from './index.js';

declare const bot: ZoryxClient;

test('bot.extensions.get("dashboard") is typed by the ExtensionApis augmentation', () => {
  expectTypeOf(bot.extensions.get('dashboard')).toEqualTypeOf<DashboardApi | undefined>();
  expectTypeOf<DashboardApi['createLoginLink']>().toEqualTypeOf<(userId: string) => string>();
  expectTypeOf<DashboardApi['url']>().toEqualTypeOf<string>();
});

test('the config contract', () => {
  expectTypeOf<DashboardConfigInput['port']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<DashboardConfigInput['oauth']>().toEqualTypeOf<
    { clientId: string; clientSecret: string; redirectUri: string } | undefined
  >();
});
