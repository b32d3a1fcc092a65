import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS, ruleFromPreset } from '../presets/preset-catalogue.js';
import { validateRule } from './validate-rule.js';

const CHANNEL = '111111111111111111';
const ROLE = '222222222222222222';

describe('validateRule', () => {
  it('fills the defaults of a minimal rule', () => {
    const result = validateRule({
      name: 'hi',
      trigger: { type: 'event', events: ['member_join'] },
      actions: [{ type: 'send_message', channelId: CHANNEL, content: 'Welcome {user}!' }],
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.rule).toMatchObject({
        version: 1,
        enabled: true,
        budget: { actions: 25, depth: 3 },
        rate: { runs: 30 },
      });
    }
  });

  it('names the field of every problem', () => {
    const result = validateRule({
      name: '',
      trigger: { type: 'schedule', cron: '61 * * * *' },
      actions: [
        { type: 'send_message', channelId: 'abc', content: 'x' },
        { type: 'dm', content: 'Hi {usr}, {math:1+}' },
        { type: 'webhook', url: 'https://evil.example/api/webhooks/1/x', content: 'x' },
        { type: 'explode' },
      ],
      budget: { depth: 99 },
      extra: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'name',
        'trigger.cron',
        'actions.0.channelId',
        'actions.2.url',
        'actions.3.type',
        'budget.depth',
        '(rule)',
      ]),
    );
  });

  it('checks placeholders after the schema, naming the text field', () => {
    const result = validateRule({
      name: 'x',
      trigger: { type: 'event', events: ['message'] },
      actions: [{ type: 'dm', content: 'Hi {usr} {math:1+}' }],
    });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: 'actions.0.content' }, { path: 'actions.0.content' }],
    });
  });

  it('refuses regexes that do not compile or can backtrack for ever', () => {
    const rule = (source: string) => ({
      name: 'x',
      trigger: { type: 'event', events: ['message'] },
      conditions: { all: [{ not: { type: 'text', match: 'regex', values: ['ok', source] } }] },
      actions: [{ type: 'delete_message' }],
    });
    expect(validateRule(rule('(a+)+$'))).toMatchObject({
      ok: false,
      errors: [{ path: 'conditions.all.0.not.values.1' }],
    });
    expect(validateRule(rule('[unclosed'))).toMatchObject({ ok: false });
    expect(validateRule(rule('^bad\\s*word$')).ok).toBe(true);
  });

  it('accepts only Discord webhook URLs', () => {
    const rule = (url: string) => ({
      name: 'x',
      trigger: { type: 'event', events: ['message'] },
      actions: [{ type: 'webhook', url, content: '{message}' }],
    });
    expect(
      validateRule(rule('https://discord.com/api/webhooks/123456789012345678/tok-en_1')).ok,
    ).toBe(true);
    for (const bad of [
      'http://discord.com/api/webhooks/123456789012345678/t',
      'https://discord.com.evil.example/api/webhooks/123456789012345678/t',
      'https://user@discord.com/api/webhooks/123456789012345678/t',
      'https://discord.com:8443/api/webhooks/123456789012345678/t',
      'https://discord.com/api/users/123456789012345678/t',
      'file:///etc/passwd',
    ]) {
      expect(validateRule(rule(bad)).ok, bad).toBe(false);
    }
  });

  it('builds a valid rule from every preset', () => {
    const params: Record<string, Record<string, unknown>> = {
      welcome: { channelId: CHANNEL, message: 'Welcome {user} to {guild_name}!', roleId: ROLE },
      goodbye: { channelId: CHANNEL },
      'reaction-roles': { messageId: CHANNEL, roles: [{ emoji: '👍', roleId: ROLE }] },
      'word-filter': { words: ['darn'], timeoutSeconds: 60, logChannelId: CHANNEL },
      leveling: { rewards: [{ level: 1, roleId: ROLE }] },
      'scheduled-announcement': { channelId: CHANNEL, message: 'hi', intervalHours: 24 },
      tickets: { panelChannelId: CHANNEL, supportRoleId: ROLE },
      'voice-log': { logChannelId: CHANNEL },
      'webhook-bridge': {
        channelIds: [CHANNEL],
        url: 'https://discord.com/api/webhooks/123456789012345678/abc',
      },
      'dynamic-voice': { hubChannelId: CHANNEL },
    };
    expect([...PRESETS.keys()].sort()).toEqual(Object.keys(params).sort());
    for (const [name, p] of Object.entries(params)) {
      const result = validateRule(ruleFromPreset(name, p));
      expect(result.ok ? 'ok' : result.errors, name).toBe('ok');
    }
  });

  it('rejects bad preset parameters with params.* paths', () => {
    expect(() => ruleFromPreset('welcome', { channelId: 'nope' })).toThrow(/params\.channelId/);
    expect(() => ruleFromPreset('nope', {})).toThrow(
      expect.objectContaining({ code: 'ZRX_AUTOMATION_UNKNOWN_PRESET' }),
    );
  });

  it('never throws, whatever it is given (fuzzed)', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 5 }), (input) => {
        const result = validateRule(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on rule-shaped input (fuzzed near the schema)', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('{user}', '{math:1/0}', '{random:1-2}', '{', '}', '{math:((('),
    );
    const action = fc.record(
      {
        type: fc.constantFrom(
          'send_message',
          'reply',
          'dm',
          'add_role',
          'wait',
          'run_rule',
          'webhook',
          'award_xp',
          'temp_voice',
          'nope',
        ),
        channelId: fc.constantFrom(CHANNEL, 'x', undefined),
        content: text,
        roleId: fc.constantFrom(ROLE, '1'),
        ms: fc.integer({ min: -5, max: 100_000 }),
        ruleId: fc.string({ maxLength: 50 }),
        url: fc.webUrl(),
      },
      { requiredKeys: ['type'] },
    );
    const leaf = fc.record(
      {
        type: fc.constantFrom('text', 'time_range', 'weekday', 'role', 'variable'),
        match: fc.constantFrom('regex', 'words'),
        values: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
        start: fc.string(),
        end: fc.constantFrom('10:00', '25:00'),
      },
      { requiredKeys: ['type'] },
    );
    const condition = fc.letrec<{ c: unknown }>((tie) => ({
      c: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.record({ all: fc.array(tie('c'), { maxLength: 3 }) }),
        fc.record({ not: tie('c') }),
      ),
    })).c;
    fc.assert(
      fc.property(
        fc.record(
          {
            name: fc.string({ maxLength: 120 }),
            trigger: fc.record({
              type: fc.constantFrom('event', 'schedule'),
              events: fc.array(fc.constantFrom('message', 'member_join', 'zzz')),
              cron: fc.string({ maxLength: 20 }),
            }),
            conditions: condition,
            actions: fc.array(action, { maxLength: 4 }),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          const result = validateRule(input);
          if (!result.ok) for (const e of result.errors) expect(e.path.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
