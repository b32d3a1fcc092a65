import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAutomationError } from '../errors.js';
import { TRIGGER_EVENTS } from '../model/trigger-schema.js';
import { validateRule } from '../model/validate-rule.js';
import { evaluateCondition } from './conditions.js';
import { event, loaded, memoryDeps, memoryEnv } from './engine-fixtures.js';
import { runRule } from './run-rule.js';

const CH = '300000000000000001';
const ROLE = '400000000000000001';

describe('runRule', () => {
  it('runs the actions of a matching rule in order, rendering placeholders', async () => {
    const rule = loaded('r1', {
      name: 'welcome',
      trigger: { type: 'event', events: ['member_join'] },
      actions: [
        { type: 'send_message', channelId: CH, content: 'Welcome {user} to {guild_name}!' },
        { type: 'add_role', roleId: ROLE },
      ],
    });
    const deps = memoryDeps([rule]);
    const outcome = await runRule(rule, event({ event: 'member_join', userId: '5' }), deps);
    expect(outcome.matched).toBe(true);
    expect(outcome.actions).toEqual([
      `would send_message <#${CH}>: "Welcome <@1> to G!"`,
      `would add_role <@&${ROLE}> to <@5>`,
    ]);
  });

  it('stops a run_rule loop at the depth budget with a typed error naming the rule', async () => {
    const rule = loaded('loop', {
      name: 'loop',
      trigger: { type: 'event', events: ['message'] },
      actions: [{ type: 'run_rule', ruleId: 'loop' }],
      budget: { depth: 2 },
    });
    const error = await runRule(rule, event({ event: 'message' }), memoryDeps([rule])).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'ZRX_AUTOMATION_BUDGET', ruleId: 'loop', budget: 'depth' });
  });

  it('stops at the actions, API-call and wall-time budgets', async () => {
    const many = loaded('many', {
      name: 'many',
      trigger: { type: 'event', events: ['message'] },
      actions: Array.from({ length: 5 }, () => ({
        type: 'set_variable' as const,
        name: 'x',
        value: '1',
      })),
      budget: { actions: 3 },
    });
    await expect(
      runRule(many, event({ event: 'message' }), memoryDeps([many])),
    ).rejects.toMatchObject({ budget: 'actions', ruleId: 'many' });
    const api = loaded('api', {
      name: 'api',
      trigger: { type: 'event', events: ['message'] },
      actions: Array.from({ length: 4 }, () => ({ type: 'dm' as const, content: 'hi' })),
      budget: { apiCalls: 5 },
    });
    await expect(
      runRule(api, event({ event: 'message' }), memoryDeps([api])),
    ).rejects.toMatchObject({ budget: 'apiCalls' });
    const slow = loaded('slow', {
      name: 'slow',
      trigger: { type: 'event', events: ['message'] },
      actions: [
        { type: 'wait', ms: 800 },
        { type: 'wait', ms: 800 },
      ],
      budget: { wallMs: 1000 },
    });
    await expect(
      runRule(slow, event({ event: 'message' }), memoryDeps([slow])),
    ).rejects.toMatchObject({ budget: 'wallMs' });
  });

  it('refuses an action the guard refuses, before doing it', async () => {
    const rule = loaded('esc', {
      name: 'esc',
      trigger: { type: 'event', events: ['message'] },
      actions: [{ type: 'add_role', roleId: ROLE }],
    });
    const deps = memoryDeps([rule], {
      guard: { refuse: async () => 'its creator lacks ManageRoles' },
    });
    await expect(
      runRule(rule, event({ event: 'message', userId: '5' }), deps),
    ).rejects.toMatchObject({ code: 'ZRX_AUTOMATION_FORBIDDEN', ruleId: 'esc' });
    expect(deps.performed).toEqual([]);
  });

  it('does nothing when the conditions fail, and traces each condition', async () => {
    const rule = loaded('c', {
      name: 'c',
      trigger: { type: 'event', events: ['message'] },
      conditions: {
        all: [
          { type: 'text', match: 'words', values: ['ass'] },
          { type: 'is_bot', value: false },
        ],
      },
      actions: [{ type: 'delete_message' }],
    });
    const out = await runRule(
      rule,
      event({ event: 'message', content: 'first class passage' }),
      memoryDeps([rule]),
    );
    expect(out.matched).toBe(false);
    expect(out.conditions.at(-1)).toEqual({ condition: 'all of 2', result: false });
    const hit = await runRule(
      rule,
      event({ event: 'message', content: 'you ASS!' }),
      memoryDeps([rule]),
    );
    expect(hit.matched).toBe(true);
  });
});

describe('conditions', () => {
  const member = {
    roleIds: ['10'],
    highestPosition: 5,
    permissions: 0n,
    accountCreatedAt: Date.UTC(2025, 0, 1),
  };
  it('compares roles by position, not by id', async () => {
    // Role 99 has a larger id but a lower position than the member's highest role.
    const env = memoryEnv({ '99': 2, '10': 5, '1': 9 });
    const facts = event({ event: 'message', member });
    expect(
      await evaluateCondition(
        { type: 'role_position', roleId: '99', comparison: 'above' },
        facts,
        env,
      ),
    ).toBe(true);
    expect(
      await evaluateCondition(
        { type: 'role_position', roleId: '1', comparison: 'below' },
        facts,
        env,
      ),
    ).toBe(true);
    expect(
      await evaluateCondition(
        { type: 'role_position', roleId: '10', comparison: 'at_least' },
        facts,
        env,
      ),
    ).toBe(true);
  });

  it('wraps time ranges past midnight and reads weekdays, account age, counters and variables', async () => {
    const env = memoryEnv({}, { 'guild:mode': 'on', 'user:5:score': '12' }, { '5': 7 });
    const night = event({
      event: 'message',
      at: Date.UTC(2026, 0, 5, 23, 30),
      userId: '5',
      member,
    });
    expect(
      await evaluateCondition({ type: 'time_range', start: '22:00', end: '02:00' }, night, env),
    ).toBe(true);
    expect(await evaluateCondition({ type: 'weekday', days: ['mon'] }, night, env)).toBe(true);
    expect(await evaluateCondition({ type: 'account_age', minDays: 300 }, night, env)).toBe(true);
    expect(
      await evaluateCondition({ type: 'message_count', operator: '>=', value: 7 }, night, env),
    ).toBe(true);
    expect(
      await evaluateCondition(
        {
          any: [
            { type: 'variable', scope: 'guild', name: 'mode', operator: '==', value: 'off' },
            { type: 'variable', scope: 'user', name: 'score', operator: '>', value: '10' },
          ],
        },
        night,
        env,
      ),
    ).toBe(true);
    expect(await evaluateCondition({ any: [] }, night, env)).toBe(false);
    expect(await evaluateCondition({ all: [] }, night, env)).toBe(true);
  });
});

describe('engine fuzzing', () => {
  it('never crashes on random valid rules and events: a run ends or stops with a coded error', async () => {
    const leaf = fc.oneof(
      fc.record({
        type: fc.constant('text'),
        match: fc.constantFrom('words', 'contains', 'starts_with', 'regex'),
        values: fc.array(fc.stringMatching(/^[a-z ]{1,6}$/), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        type: fc.constant('time_range'),
        start: fc.constantFrom('00:00', '12:30', '23:59'),
        end: fc.constantFrom('00:00', '06:00'),
      }),
      fc.record({
        type: fc.constant('message_count'),
        operator: fc.constantFrom('>', '<', '=='),
        value: fc.nat(20),
      }),
      fc.record({
        type: fc.constant('role_position'),
        roleId: fc.constantFrom(ROLE, '500000000000000001'),
        comparison: fc.constantFrom('has', 'above', 'below'),
      }),
    );
    const condition = fc.letrec<{ c: unknown }>((tie) => ({
      c: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.record({ any: fc.array(tie('c'), { maxLength: 3 }) }),
        fc.record({ not: tie('c') }),
      ),
    })).c;
    const action = fc.oneof(
      fc.record({
        type: fc.constant('send_message'),
        channelId: fc.constant(CH),
        content: fc.constantFrom('{user}', '{math:level/0}', '{random:1-3}', 'x'),
      }),
      fc.record({ type: fc.constant('run_rule'), ruleId: fc.constantFrom('a', 'b', 'missing') }),
      fc.record({ type: fc.constant('wait'), ms: fc.integer({ min: 1, max: 20_000 }) }),
      fc.record({ type: fc.constant('increment'), name: fc.constant('n') }),
    );
    const ruleArb = fc.record({
      name: fc.constant('fuzz'),
      trigger: fc.record({
        type: fc.constant('event'),
        events: fc.subarray([...TRIGGER_EVENTS], { minLength: 1, maxLength: 5 }),
      }),
      conditions: condition,
      actions: fc.array(action, { minLength: 1, maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(
        ruleArb,
        ruleArb,
        fc.constantFrom(...TRIGGER_EVENTS),
        fc.string({ maxLength: 30 }),
        async (a, b, name, content) => {
          const va = validateRule(a);
          const vb = validateRule(b);
          fc.pre(va.ok && vb.ok);
          const rules = [loaded('a', a), loaded('b', b)];
          const deps = memoryDeps(rules, { env: memoryEnv({ [ROLE]: 3 }) });
          const first = rules[0];
          if (!first) return;
          try {
            const out = await runRule(first, event({ event: name, content, userId: '5' }), deps);
            expect(Array.isArray(out.actions)).toBe(true);
          } catch (error) {
            expect(isAutomationError(error)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
