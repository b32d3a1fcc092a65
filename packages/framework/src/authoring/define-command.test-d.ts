import type { ZoryxDatabase } from '@zoryx/db';
import type { AtomicStore } from '@zoryx/store';
import type { Attachment, GuildMember, User } from 'discord.js';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ArgsOf,
  type CommandEntry,
  type CommandInteraction,
  defineCommand,
  defineComponent,
  defineExtension,
  type ExtensionContext,
  type RoleArg,
  type ZoryxClient,
} from '../index.js';

// Authors augment one module: @zoryx/framework. The loader, the hook bus and the databases see it.
declare module '../index.js' {
  interface ExtensionApis {
    greeter: { greeting(name: string): string };
  }
  interface HookEvents {
    greeted: { userId: string };
  }
  interface GuildTables {
    greetings: { user_id: string; count: number };
  }
}

describe('defineCommand types', () => {
  it('types run arguments from the options: required, optional, choices, every kind', () => {
    type Args = ArgsOf<{
      text: { kind: 'string'; description: 'd'; required: true };
      count: { kind: 'integer'; description: 'd' };
      who: { kind: 'user'; description: 'd'; required: true };
      member: { kind: 'member'; description: 'd'; required: true };
      file: { kind: 'attachment'; description: 'd' };
      role: { kind: 'role'; description: 'd' };
      action: { kind: 'string'; description: 'd'; required: true; choices: readonly ['on', 'off'] };
    }>;
    expectTypeOf<Args['text']>().toEqualTypeOf<string>();
    expectTypeOf<Args['count']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Args['who']>().toEqualTypeOf<User>();
    expectTypeOf<Args['member']>().toEqualTypeOf<GuildMember>();
    expectTypeOf<Args['file']>().toEqualTypeOf<Attachment | undefined>();
    expectTypeOf<Args['role']>().toEqualTypeOf<RoleArg | undefined>();
    expectTypeOf<Args['action']>().toEqualTypeOf<'on' | 'off'>();
  });

  it('gives run the typed args and the owning extension context, with no cast', () => {
    const entry = defineCommand({
      name: 'greet',
      description: 'Greets someone',
      options: { who: { kind: 'user', description: 'Who to greet', required: true } },
      async run(interaction, { who }, ctx) {
        expectTypeOf(interaction).toEqualTypeOf<CommandInteraction>();
        expectTypeOf(ctx).toEqualTypeOf<ExtensionContext>();
        expectTypeOf(ctx.client).toEqualTypeOf<ZoryxClient>();
        expectTypeOf(ctx.db).toEqualTypeOf<ZoryxDatabase>();
        expectTypeOf(ctx.store).toEqualTypeOf<AtomicStore>();
        const api = ctx.extensions.get('greeter');
        expectTypeOf(api).toEqualTypeOf<{ greeting(name: string): string } | undefined>();
        await ctx.hooks.emit('greeted', { userId: who.id });
        // @ts-expect-error: the payload is typed by HookEvents
        await ctx.hooks.emit('greeted', { user: who.id });
        const db = await ctx.db.guild('1');
        const row = await db.selectFrom('greetings').select('count').executeTakeFirst();
        expectTypeOf(row).toEqualTypeOf<{ count: number } | undefined>();
        return interaction.reply(api?.greeting(who.username) ?? 'hi');
      },
    });
    expectTypeOf(entry).toEqualTypeOf<CommandEntry>();
    defineExtension({
      name: 'greeter',
      version: '1.0.0',
      commands: [entry],
      components: [
        defineComponent({
          id: 'greet-again',
          kind: 'button',
          run: (interaction, data) => {
            expectTypeOf(data).toEqualTypeOf<string>();
            return interaction.update({ content: `again ${data}` });
          },
        }),
      ],
      setup: () => ({ greeting: (name: string) => `Hello, ${name}!` }),
    });
  });

  it('types the bot-level API lookup the same way', () => {
    const lookup = (bot: ZoryxClient) => bot.extensions.get('greeter');
    expectTypeOf(lookup).returns.toEqualTypeOf<{ greeting(name: string): string } | undefined>();
  });
});
