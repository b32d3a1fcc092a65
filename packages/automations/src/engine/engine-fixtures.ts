// Test helpers for the engine (no Discord): rules by shorthand and in-memory ports.
import { AutomationError } from '../errors.js';
import type { Action } from '../model/action-schema.js';
import type { RuleInput } from '../model/rule-schema.js';
import { validateRule } from '../model/validate-rule.js';
import type { ConditionEnv } from './conditions.js';
import { dryRunPort } from './describe-action.js';
import type { EventFacts } from './event-facts.js';
import type { ActionGuard, EngineDeps } from './run-rule.js';
import type { LoadedRule } from './trigger-match.js';

/** A guild id for tests. */
export const GUILD = '900000000000000001';

/** Validates a rule input and wraps it as a loaded rule (throws on an invalid one). */
export function loaded(id: string, input: RuleInput, creatorId = '1'): LoadedRule {
  const result = validateRule(input);
  if (!result.ok) {
    throw new AutomationError('ZRX_AUTOMATION_INVALID', `test rule ${id} is invalid`, {
      errors: result.errors,
    });
  }
  return { id, guildId: GUILD, creatorId, rule: result.rule };
}

/** An event of the test guild. */
export function event(facts: Partial<EventFacts> & Pick<EventFacts, 'event'>): EventFacts {
  return { guildId: GUILD, at: Date.UTC(2026, 0, 5, 12, 0), ...facts };
}

/** Conditions' env over plain maps. */
export function memoryEnv(
  roles: Record<string, number> = {},
  variables: Record<string, string> = {},
  counts: Record<string, number> = {},
): ConditionEnv {
  return {
    rolePosition: (id) => roles[id],
    variable: async (scope, name, userId) =>
      variables[scope === 'user' ? `user:${userId}:${name}` : `guild:${name}`],
    messageCount: async (userId) => counts[userId] ?? 0,
  };
}

/** Engine deps with the dry-run port, an allow-all guard and a fake clock. */
export function memoryDeps(
  rules: LoadedRule[],
  overrides: Partial<EngineDeps> = {},
): EngineDeps & { performed: Action[] } {
  const performed: Action[] = [];
  const allow: ActionGuard = { refuse: async () => undefined };
  let clock = 0;
  return {
    env: memoryEnv(),
    port: {
      perform: async (action, facts, run) => {
        performed.push(action);
        return dryRunPort.perform(action, facts, run);
      },
    },
    guard: allow,
    loadRule: (_guild, id) => rules.find((r) => r.id === id),
    values: async () => ({ values: { user: '<@1>', guild_name: 'G' }, variables: new Map() }),
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    performed,
    ...overrides,
  };
}
