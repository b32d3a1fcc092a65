import type { ZoryxClient, ZoryxConfigInput } from '@zoryx/framework';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BuiltinName,
  type CreateTestBotOptions,
  createTestBot,
  type GuildHandle,
  type TestBot,
  type TestWorld,
  type UserHandle,
} from './index.js';

describe('public types', () => {
  it('createTestBot takes optional options and resolves a TestBot', () => {
    expectTypeOf(createTestBot).parameter(0).toEqualTypeOf<CreateTestBotOptions | undefined>();
    expectTypeOf(createTestBot).returns.resolves.toEqualTypeOf<TestBot>();
    expectTypeOf<CreateTestBotOptions['config']>().toEqualTypeOf<ZoryxConfigInput | undefined>();
    expectTypeOf<NonNullable<CreateTestBotOptions['builtins']>>().toEqualTypeOf<
      readonly BuiltinName[]
    >();
  });

  it('a TestBot is a world with a running client', () => {
    expectTypeOf<TestBot>().toExtend<TestWorld>();
    expectTypeOf<TestBot['bot']>().toEqualTypeOf<ZoryxClient>();
    expectTypeOf<TestBot['member']>().toEqualTypeOf<UserHandle>();
    expectTypeOf<TestBot['guild']>().toEqualTypeOf<GuildHandle>();
    expectTypeOf<TestBot['restart']>().returns.resolves.toEqualTypeOf<ZoryxClient>();
  });

  it('built-in names are the five built-ins', () => {
    expectTypeOf<BuiltinName>().toEqualTypeOf<
      'core' | 'registry' | 'hooks' | 'diagnostics' | 'limits'
    >();
  });
});
