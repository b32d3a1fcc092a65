import type { ClientOptions } from 'discord.js';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BotMessage,
  type ChannelHandle,
  type Emulator,
  type GuildHandle,
  type ModalHandle,
  type RequestRecord,
  startEmulator,
  type UserAction,
  type UserHandle,
} from './index.js';

describe('public types', () => {
  it('startEmulator resolves to an Emulator with the contract fields', () => {
    expectTypeOf(startEmulator).returns.resolves.toEqualTypeOf<Emulator>();
    expectTypeOf<Emulator['port']>().toEqualTypeOf<number>();
    expectTypeOf<Emulator['token']>().toEqualTypeOf<string>();
    expectTypeOf<Emulator['applicationId']>().toEqualTypeOf<string>();
    expectTypeOf<Emulator['botUserId']>().toEqualTypeOf<string>();
    expectTypeOf<Emulator['requests']>().returns.toEqualTypeOf<readonly RequestRecord[]>();
    expectTypeOf<Emulator['close']>().returns.toEqualTypeOf<Promise<void>>();
  });

  it('clientOptions() spreads into discord.js ClientOptions', () => {
    expectTypeOf<ReturnType<Emulator['clientOptions']>>().toMatchTypeOf<Partial<ClientOptions>>();
  });

  it('handles chain into actions and bot messages', () => {
    expectTypeOf<Emulator['createGuild']>().returns.toEqualTypeOf<GuildHandle>();
    expectTypeOf<Emulator['createUser']>().returns.toEqualTypeOf<UserHandle>();
    expectTypeOf<GuildHandle['createChannel']>().returns.toEqualTypeOf<ChannelHandle>();
    expectTypeOf<UserHandle['send']>().returns.toEqualTypeOf<UserAction>();
    expectTypeOf<UserHandle['slash']>().returns.toEqualTypeOf<UserAction>();
    expectTypeOf<UserAction['reply']>().returns.resolves.toEqualTypeOf<BotMessage>();
    expectTypeOf<UserAction['modal']>().returns.resolves.toEqualTypeOf<ModalHandle>();
    expectTypeOf<BotMessage['clickButton']>().returns.toEqualTypeOf<UserAction>();
    expectTypeOf<BotMessage['content']>().toEqualTypeOf<string>();
  });

  it('slash option values accept handles, ids and primitives, not arbitrary objects', () => {
    expectTypeOf<UserHandle['slash']>()
      .parameter(2)
      .toMatchTypeOf<
        | Readonly<
            Record<
              string,
              string | number | boolean | { readonly id: string } | { readonly filename: string }
            >
          >
        | undefined
      >();
    expectTypeOf<{ user: UserHandle; reason: string }>().toMatchTypeOf<
      NonNullable<Parameters<UserHandle['slash']>[2]>
    >();
  });
});
