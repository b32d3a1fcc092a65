import { Command } from '@sapphire/framework';
import type { ZoryxDatabase } from '@zoryx/db';
import type { AtomicStore } from '@zoryx/store';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  createBot,
  defineExtension,
  type FrameworkError,
  type FrameworkErrorCode,
  type ZoryxClient,
  type ZoryxConfig,
} from './index.js';
import {
  type CommandPolicy,
  type CooldownRule,
  cooldownRuleFor,
  decidePermission,
  dropSapphireCooldown,
  type PermissionDecision,
} from './internals.js';

class PingCommand extends Command {}

describe('public types', () => {
  it('types ctx.client, ctx.db, ctx.store and ctx.config in extensions', () => {
    defineExtension({
      name: 'typed',
      version: '1.0.0',
      config: z.object({ greeting: z.string().default('hi') }),
      commands: [PingCommand, { name: 'pong', piece: PingCommand }],
      setup(ctx) {
        expectTypeOf(ctx.client).toEqualTypeOf<ZoryxClient>();
        expectTypeOf(ctx.db).toEqualTypeOf<ZoryxDatabase>();
        expectTypeOf(ctx.store).toEqualTypeOf<AtomicStore>();
        expectTypeOf(ctx.config.greeting).toEqualTypeOf<string>();
      },
    });
  });

  it('refuses pieces that are not classes', () => {
    defineExtension({
      name: 'bad',
      version: '1.0.0',
      // @ts-expect-error a command must be a piece class or { name, piece }
      commands: ['ping'],
    });
  });

  it('createBot resolves to a ZoryxClient with a typed config', () => {
    expectTypeOf(createBot).returns.resolves.toEqualTypeOf<ZoryxClient>();
    expectTypeOf<ZoryxClient['config']>().toEqualTypeOf<ZoryxConfig>();
    expectTypeOf<ZoryxConfig['cooldowns']['default']>().toEqualTypeOf<{
      limit: number;
      windowSeconds: number;
    }>();
  });

  it('cooldown helpers take command pieces', () => {
    expectTypeOf<PingCommand>().toExtend<Parameters<typeof dropSapphireCooldown>[0]>();
    expectTypeOf(dropSapphireCooldown).returns.toEqualTypeOf<number>();
    expectTypeOf<PingCommand>().toExtend<Parameters<typeof cooldownRuleFor>[0]>();
    expectTypeOf(cooldownRuleFor).returns.toEqualTypeOf<CooldownRule>();
  });

  it('decisions and errors are discriminated', () => {
    expectTypeOf(decidePermission).parameter(1).toEqualTypeOf<CommandPolicy>();
    const decision = {} as PermissionDecision;
    if (!decision.allowed)
      expectTypeOf(decision.reason).toEqualTypeOf<
        'owner-only' | 'missing-role' | 'missing-permissions'
      >();
    expectTypeOf<FrameworkError['code']>().toEqualTypeOf<FrameworkErrorCode>();
  });
});
