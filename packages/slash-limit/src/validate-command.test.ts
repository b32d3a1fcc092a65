import { describe, expect, it } from 'vitest';
import { validateCommand } from './validate-command.js';
import type { ViolationRule } from './violation.js';

const S = 3; // STRING
const I = 4; // INTEGER
const N = 10; // NUMBER
const str = (name: string, extra: Record<string, unknown> = {}) => ({
  type: S,
  name,
  description: `The ${name}`,
  ...extra,
});
const cmd = (extra: Record<string, unknown> = {}) => ({
  name: 'ban',
  description: 'Ban a member',
  ...extra,
});
const sub = (name: string, options: unknown[] = []) => ({
  type: 1,
  name,
  description: `Sub ${name}`,
  options,
});

/** [rule, invalid payload, path the violation must name] — one row per rule. */
const cases: [ViolationRule, unknown, string][] = [
  ['shape', 'ban', ''],
  ['type', cmd({ type: 9 }), 'type'],
  ['name.length', cmd({ name: 'a'.repeat(33) }), 'name'],
  ['name.pattern', cmd({ name: 'two words' }), 'name'],
  ['name.lowercase', cmd({ name: 'Ban' }), 'name'],
  ['description.length', cmd({ description: 'x'.repeat(101) }), 'description'],
  ['description.forbidden', { type: 2, name: 'Report', description: 'no' }, 'description'],
  ['options.forbidden', { type: 3, name: 'Quote', options: [str('a')] }, 'options'],
  [
    'options.count',
    cmd({ options: Array.from({ length: 26 }, (_, i) => str(`o${i}`)) }),
    'options',
  ],
  ['options.duplicate-name', cmd({ options: [str('a'), str('a')] }), 'options[1].name'],
  [
    'options.required-order',
    cmd({ options: [str('a'), str('b', { required: true })] }),
    'options[1].required',
  ],
  ['options.mixed', cmd({ options: [sub('x'), str('y')] }), 'options'],
  ['options.nesting', cmd({ options: [sub('x', [sub('y')])] }), 'options[0].options[0]'],
  [
    'options.empty-group',
    cmd({ options: [{ type: 2, name: 'g', description: 'Group', options: [] }] }),
    'options[0].options',
  ],
  ['option.type', cmd({ options: [{ type: 42, name: 'x', description: 'X' }] }), 'options[0].type'],
  ['option.field', cmd({ options: [str('a', { min_value: 1 })] }), 'options[0].min_value'],
  [
    'choices.count',
    cmd({
      options: [
        str('a', {
          choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` })),
        }),
      ],
    }),
    'options[0].choices',
  ],
  [
    'choices.autocomplete',
    cmd({ options: [str('a', { autocomplete: true, choices: [{ name: 'x', value: 'x' }] })] }),
    'options[0].autocomplete',
  ],
  [
    'choice.name.length',
    cmd({ options: [str('a', { choices: [{ name: '', value: 'x' }] })] }),
    'options[0].choices[0].name',
  ],
  [
    'choice.value.type',
    cmd({ options: [{ ...str('a'), type: I, choices: [{ name: 'x', value: 1.5 }] }] }),
    'options[0].choices[0].value',
  ],
  [
    'choice.value.length',
    cmd({ options: [str('a', { choices: [{ name: 'x', value: 'v'.repeat(101) }] })] }),
    'options[0].choices[0].value',
  ],
  [
    'value.range',
    cmd({ options: [{ ...str('a'), type: N, min_value: 5, max_value: 1 }] }),
    'options[0].min_value',
  ],
  ['length.range', cmd({ options: [str('a', { max_length: 6001 })] }), 'options[0].max_length'],
  ['localization.locale', cmd({ name_localizations: { xx: 'bannen' } }), 'name_localizations.xx'],
  [
    'localization.value',
    cmd({ description_localizations: { de: 'x'.repeat(101) } }),
    'description_localizations.de',
  ],
  ['permissions.format', cmd({ default_member_permissions: 8 }), 'default_member_permissions'],
  ['contexts.value', cmd({ contexts: [0, 7] }), 'contexts'],
  [
    'length.combined',
    cmd({
      options: Array.from({ length: 25 }, (_, i) =>
        str(`o${i}`, {
          description: 'd'.repeat(100),
          choices: [{ name: 'n'.repeat(100), value: 'v' }],
        }),
      ),
    }),
    '',
  ],
];

describe('validateCommand', () => {
  it('accepts a valid chat-input command with every kind of option', () => {
    const valid = cmd({
      name: 'बैन_ไทย-x',
      name_localizations: { de: 'bannen' },
      default_member_permissions: '4',
      contexts: [0],
      options: [
        str('reason', { required: true, min_length: 1, max_length: 200 }),
        { type: I, name: 'days', description: 'Days', min_value: 0, max_value: 7 },
        { type: N, name: 'ratio', description: 'Ratio', choices: [{ name: 'Half', value: 0.5 }] },
        { type: 7, name: 'where', description: 'Channel', channel_types: [0] },
        str('mode', { autocomplete: true }),
      ],
    });
    expect(validateCommand(valid)).toEqual([]);
  });

  it('accepts context-menu commands with spaces and capitals, and nested subcommands', () => {
    expect(validateCommand({ type: 2, name: 'Report User' })).toEqual([]);
    expect(validateCommand({ type: 3, name: 'Quote', description: '' })).toEqual([]);
    const nested = cmd({
      options: [
        { type: 2, name: 'role', description: 'Roles', options: [sub('add', [str('x')])] },
        sub('list'),
      ],
    });
    expect(validateCommand(nested)).toEqual([]);
  });

  it.each(cases)('reports rule %s at the offending path', (rule, payload, path) => {
    const violations = validateCommand(payload);
    const hit = violations.find((v) => v.rule === rule);
    expect(hit, JSON.stringify(violations)).toBeDefined();
    expect(hit!.path).toBe(path);
    expect(hit!.message.startsWith(path === '' ? 'command:' : `${path}:`)).toBe(true);
  });

  it('covers every rule in the ViolationRule union (except plan-level name.duplicate)', () => {
    const covered = new Set(cases.map(([rule]) => rule));
    const all: ViolationRule[] = [
      'shape',
      'type',
      'name.length',
      'name.pattern',
      'name.lowercase',
      'description.length',
      'description.forbidden',
      'options.forbidden',
      'options.count',
      'options.duplicate-name',
      'options.required-order',
      'options.mixed',
      'options.nesting',
      'options.empty-group',
      'option.type',
      'option.field',
      'choices.count',
      'choices.autocomplete',
      'choice.name.length',
      'choice.value.type',
      'choice.value.length',
      'value.range',
      'length.range',
      'localization.locale',
      'localization.value',
      'permissions.format',
      'contexts.value',
      'length.combined',
    ];
    expect([...covered].sort()).toEqual([...all].sort());
  });

  it('counts names in code points and checks localised names with the name rules', () => {
    expect(validateCommand(cmd({ name: '😀' }))[0]?.rule).toBe('name.pattern');
    expect(validateCommand(cmd({ name_localizations: { fr: 'Bannir' } }))[0]).toMatchObject({
      path: 'name_localizations.fr',
      rule: 'name.lowercase',
    });
  });

  it('reports integer bounds beyond 2^53-1 and non-integer integer bounds', () => {
    const violations = validateCommand(
      cmd({ options: [{ ...str('a'), type: I, min_value: 0.5, max_value: 2 ** 60 }] }),
    );
    expect(violations.map((v) => v.path)).toEqual(['options[0].min_value', 'options[0].max_value']);
  });

  it('ignores the planning hints of a CommandSpec', () => {
    expect(validateCommand(cmd({ category: 'Mod Tools', priority: 3, pinned: true }))).toEqual([]);
  });
});
