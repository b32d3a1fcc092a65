import type { Logger } from 'pino';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { ExtensionContext, ExtensionRegistryView } from './context.js';
import { defineExtension, type ExtensionDefinition } from './definition.js';
import type { OwnedHooks } from './owned-hooks.js';
import type { ScheduledTask } from './scheduler.js';

declare module './context.js' {
  interface ExtensionContextExtras {
    /** What a host such as @zoryx/framework adds. */
    client: { readonly id: string };
  }
  interface ExtensionApis {
    economy: { balance(userId: string): number };
  }
}

declare module './definition.js' {
  interface ExtensionDefinitionExtras {
    commands?: readonly string[];
  }
  interface ExtensionMigrations {
    guild?: Record<string, { up: string; down: string }>;
  }
}

describe('defineExtension types', () => {
  it('types ctx.config from the Standard Schema output', () => {
    defineExtension({
      name: 'leveling',
      version: '1.0.0',
      config: z.object({ xpPerMessage: z.number().default(10) }),
      setup(ctx) {
        expectTypeOf(ctx.config).toEqualTypeOf<{ xpPerMessage: number }>();
      },
    });
    defineExtension({
      name: 'plain',
      version: '1.0.0',
      setup(ctx) {
        expectTypeOf(ctx.config).toEqualTypeOf<undefined>();
      },
    });
  });

  it('gives ctx the loader’s fields and the host’s extras', () => {
    defineExtension({
      name: 'x',
      version: '1.0.0',
      async setup(ctx) {
        expectTypeOf(ctx.logger).toEqualTypeOf<Logger>();
        expectTypeOf(ctx.hooks).toEqualTypeOf<OwnedHooks>();
        expectTypeOf(ctx.schedule.every('1h', () => {})).toEqualTypeOf<ScheduledTask>();
        expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
        expectTypeOf(ctx.extensions).toEqualTypeOf<ExtensionRegistryView>();
        expectTypeOf(ctx.client.id).toEqualTypeOf<string>();
        expectTypeOf(ctx.extensions.get('economy')).toEqualTypeOf<
          { balance(userId: string): number } | undefined
        >();
        expectTypeOf(ctx.extensions.get('unknown-one')).toEqualTypeOf<unknown>();
        expectTypeOf(ctx.own({ close() {} })).toEqualTypeOf<{ close(): void }>();
      },
    });
  });

  it('checks hook names and payloads through ctx.hooks', () => {
    defineExtension({
      name: 'x',
      version: '1.0.0',
      setup(ctx) {
        ctx.hooks.on('extension_loaded', (payload) => {
          expectTypeOf(payload.loadTimeMs).toEqualTypeOf<number>();
        });
        // @ts-expect-error: not an event of HookEvents
        ctx.hooks.on('no_such_event', () => {});
        // @ts-expect-error: owner is set by the loader, not by the extension
        ctx.hooks.on('extension_unloaded', () => {}, { owner: 'someone-else' });
      },
    });
  });

  it('returns the public API type from setup and accepts host extras and migrations', () => {
    const def = defineExtension({
      name: 'economy',
      version: '2.0.0',
      commands: ['balance'],
      migrations: { guild: { '001_init': { up: 'create', down: 'drop' } } },
      setup: () => ({ balance: (_: string) => 0 }),
    });
    expectTypeOf(def.commands).toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<ReturnType<NonNullable<typeof def.setup>>>().toExtend<
      { balance(userId: string): number } | Promise<{ balance(userId: string): number }>
    >();
    // every typed definition is assignable to the host's untyped view
    expectTypeOf(def).toExtend<ExtensionDefinition>();
    // @ts-expect-error: migrations must match the augmented shape
    defineExtension({ name: 'y', version: '1.0.0', migrations: { guild: 3 } });
  });

  it('ExtensionContext is generic in its config', () => {
    expectTypeOf<ExtensionContext<{ a: 1 }>['config']>().toEqualTypeOf<{ a: 1 }>();
  });
});
