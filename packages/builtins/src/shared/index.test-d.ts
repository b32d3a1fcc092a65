import type { User } from 'discord.js';
import { describe, expectTypeOf, it } from 'vitest';
import { type ArgsOf, type BuiltinCommandEntry, defineCommand, type RoleArg } from './index.js';

describe('defineCommand types', () => {
  it('types run arguments from the options: required, optional, choices', () => {
    type Args = ArgsOf<{
      text: { kind: 'string'; description: 'd'; required: true };
      count: { kind: 'integer'; description: 'd' };
      who: { kind: 'user'; description: 'd'; required: true };
      role: { kind: 'role'; description: 'd' };
      action: { kind: 'string'; description: 'd'; required: true; choices: readonly ['on', 'off'] };
    }>;
    expectTypeOf<Args['text']>().toEqualTypeOf<string>();
    expectTypeOf<Args['count']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Args['who']>().toEqualTypeOf<User>();
    expectTypeOf<Args['role']>().toEqualTypeOf<RoleArg | undefined>();
    expectTypeOf<Args['action']>().toEqualTypeOf<'on' | 'off'>();
  });

  it('infers the options of a definition in run and returns an extension entry', () => {
    const entry = defineCommand({
      name: 'echo',
      description: 'Repeats text',
      options: {
        text: { kind: 'string', description: 'What', required: true },
        mode: { kind: 'string', description: 'How', choices: ['loud', 'quiet'] },
      },
      run: (_interaction, args) => {
        expectTypeOf(args.text).toEqualTypeOf<string>();
        expectTypeOf(args.mode).toEqualTypeOf<'loud' | 'quiet' | undefined>();
      },
    });
    expectTypeOf(entry).toEqualTypeOf<BuiltinCommandEntry>();
  });
});
