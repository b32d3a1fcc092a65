import type {
  APIApplicationCommandInteractionDataOption,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CommandPlan,
  type CommandSpec,
  commandSetHash,
  diffCommands,
  type EntityLookup,
  type PlanOptions,
  type PrefixParseResult,
  parsePrefixInvocation,
  planCommands,
  type Route,
  resolveRoute,
  type UsageError,
  usageLine,
  type Violation,
  validateCommand,
} from './index.js';

describe('public types', () => {
  it('CommandSpec is a Discord payload plus planning hints', () => {
    expectTypeOf<CommandSpec>().toMatchTypeOf<RESTPostAPIApplicationCommandsJSONBody>();
    expectTypeOf<CommandSpec['category']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CommandSpec['priority']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CommandSpec['pinned']>().toEqualTypeOf<boolean | undefined>();
  });

  it('validateCommand takes unknown and returns violations with a path', () => {
    expectTypeOf(validateCommand).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(validateCommand).returns.toEqualTypeOf<Violation[]>();
    expectTypeOf<Violation['path']>().toEqualTypeOf<string>();
  });

  it('planCommands returns the contract plan', () => {
    expectTypeOf(planCommands).parameter(1).toEqualTypeOf<PlanOptions | undefined>();
    expectTypeOf(planCommands).returns.toEqualTypeOf<CommandPlan>();
    expectTypeOf<CommandPlan['register']>().toEqualTypeOf<
      RESTPostAPIApplicationCommandsJSONBody[]
    >();
    expectTypeOf<CommandPlan['routes']>().toEqualTypeOf<Record<string, Route>>();
    expectTypeOf<CommandPlan['status']['level']>().toEqualTypeOf<'ok' | 'warning' | 'critical'>();
    expectTypeOf<Extract<Route, { kind: 'prefix-only' }>['reason']>().toEqualTypeOf<string>();
    expectTypeOf<Route['kind']>().toEqualTypeOf<
      'top-level' | 'folded' | 'prefix-only' | 'excluded'
    >();
  });

  it('parsePrefixInvocation resolves to ok options or a UsageError', () => {
    expectTypeOf(parsePrefixInvocation).parameter(2).toEqualTypeOf<EntityLookup>();
    expectTypeOf(parsePrefixInvocation).returns.resolves.toEqualTypeOf<PrefixParseResult>();
    expectTypeOf<Extract<PrefixParseResult, { ok: false }>['error']>().toEqualTypeOf<UsageError>();
    expectTypeOf<Extract<PrefixParseResult, { ok: true }>['options']>().toEqualTypeOf<
      Record<string, unknown>
    >();
    expectTypeOf<ReturnType<EntityLookup['user']>>().toEqualTypeOf<unknown>();
  });

  it('diff, hash, usage and route helpers', () => {
    const diff = diffCommands([{ name: 'a' }], [{ id: '1', name: 'a' }]);
    expectTypeOf(diff.create).toEqualTypeOf<{ name: string }[]>();
    expectTypeOf(diff.update).toEqualTypeOf<
      { local: { name: string }; remote: { id: string; name: string } }[]
    >();
    expectTypeOf(commandSetHash).returns.toEqualTypeOf<string>();
    expectTypeOf(usageLine).returns.toEqualTypeOf<string>();
    expectTypeOf(resolveRoute)
      .parameter(2)
      .toEqualTypeOf<readonly APIApplicationCommandInteractionDataOption[] | undefined>();
  });
});
