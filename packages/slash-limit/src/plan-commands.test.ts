import { describe, expect, it } from 'vitest';
import type { CommandSpec } from './command-spec.js';
import { SlashLimitError } from './errors.js';
import { planCommands } from './plan-commands.js';
import { validateCommand } from './validate-command.js';

const plain = (name: string, extra: Partial<CommandSpec> = {}): CommandSpec =>
  ({ name, description: `Run ${name}`, ...extra }) as CommandSpec;
const withSubs = (name: string, subs: string[], extra: Partial<CommandSpec> = {}): CommandSpec =>
  plain(name, {
    options: subs.map((s) => ({ type: 1, name: s, description: `Do ${s}` })),
    ...extra,
  } as Partial<CommandSpec>);
const withGroups = (name: string, extra: Partial<CommandSpec> = {}): CommandSpec =>
  plain(name, {
    options: [
      {
        type: 2,
        name: 'g',
        description: 'Group',
        options: [{ type: 1, name: 's', description: 'S' }],
      },
    ],
    ...extra,
  } as Partial<CommandSpec>);
const many = (count: number, make: (i: number) => CommandSpec) =>
  Array.from({ length: count }, (_, i) => make(i));
const pad = (i: number) => String(i).padStart(4, '0');
const chatCount = (plan: ReturnType<typeof planCommands>) =>
  plan.register.filter((c) => (c.type ?? 1) === 1).length;

describe('planCommands — fitting', () => {
  it('keeps everything top-level when it fits', () => {
    const plan = planCommands(many(95, (i) => plain(`c${pad(i)}`)));
    expect(plan.register).toHaveLength(95);
    expect(Object.values(plan.routes).every((r) => r.kind === 'top-level')).toBe(true);
    expect(plan.status).toMatchObject({ used: 95, limit: 100, level: 'warning' });
  });

  it('reports ok below the warning threshold', () => {
    expect(planCommands([plain('ping')]).status).toEqual({
      used: 1,
      limit: 100,
      level: 'ok',
      warnings: [],
    });
  });

  it('folds the lowest-ranked commands into category roots as subcommands', () => {
    const cmds = [
      ...many(90, (i) => plain(`top${pad(i)}`, { priority: 1 })),
      ...many(10, (i) => plain(`m${i}`, { category: 'Moderation' })),
    ];
    const plan = planCommands(cmds);
    expect(chatCount(plan)).toBeLessThanOrEqual(95);
    expect(plan.routes.top0000).toEqual({ kind: 'top-level' });
    const folded = Object.entries(plan.routes).filter(([, r]) => r.kind === 'folded');
    expect(folded.length).toBeGreaterThan(0);
    expect(folded.every(([name]) => name.startsWith('m'))).toBe(true);
    expect(folded[0]![1]).toMatchObject({ kind: 'folded', root: 'moderation' });
    const root = plan.register.find((c) => c.name === 'moderation')!;
    expect((root as { description: string }).description).toMatch(/^Moderation commands: /);
    expect(validateCommand(root)).toEqual([]);
  });

  it('folds a command with subcommands whole as a group', () => {
    const cmds = [
      ...many(95, (i) => plain(`top${pad(i)}`, { priority: 1 })),
      withSubs('role', ['add', 'remove']),
    ];
    const plan = planCommands(cmds);
    expect(plan.routes.role).toEqual({ kind: 'folded', root: 'more', group: 'role' });
  });

  it('gives top-level slots to commands with groups before foldable ones, pinned first', () => {
    const cmds = [
      ...many(95, (i) => plain(`top${pad(i)}`, { priority: 5 })),
      withGroups('settings'),
      plain('vip', { pinned: true, priority: -100 }),
    ];
    const plan = planCommands(cmds);
    expect(plan.routes.vip).toEqual({ kind: 'top-level' });
    expect(plan.routes.settings).toEqual({ kind: 'top-level' });
    expect(chatCount(plan)).toBeLessThanOrEqual(95);
  });

  it('sends a command with groups to prefix-only, with the reason, when no slot is left', () => {
    const cmds = [
      ...many(95, (i) => plain(`p${pad(i)}`, { pinned: true })),
      withGroups('settings'),
      plain('x'),
    ];
    const plan = planCommands(cmds);
    expect(plan.routes.settings).toMatchObject({
      kind: 'prefix-only',
      reason: expect.stringContaining('groups'),
    });
    expect(plan.status.level).toBe('critical');
  });

  it('splits a category over 25 entries into flat roots mod, mod-2 while roots are available', () => {
    const cmds = [
      ...many(90, (i) => plain(`top${pad(i)}`, { priority: 1 })),
      ...many(40, (i) => plain(`m${pad(i)}`, { category: 'mod' })),
    ];
    const plan = planCommands(cmds);
    // 90 + 3 best-ranked mod commands top-level + 2 roots for the other 37 = 95.
    expect(chatCount(plan)).toBe(95);
    expect(plan.routes.m0002).toEqual({ kind: 'top-level' });
    expect(plan.routes.m0003).toEqual({ kind: 'folded', root: 'mod', subcommand: 'm0003' });
    expect(plan.routes.m0027).toEqual({ kind: 'folded', root: 'mod', subcommand: 'm0027' });
    expect(plan.routes.m0028).toEqual({ kind: 'folded', root: 'mod-2', subcommand: 'm0028' });
    for (const payload of plan.register) expect(validateCommand(payload)).toEqual([]);
  });

  it('bundles plain commands into groups only when flat roots would not fit', () => {
    const cmds = many(60, (i) => plain(`m${pad(i)}`, { category: 'mod' }));
    const plan = planCommands(cmds, { safeLimit: 1, warningThreshold: 1, maxTopLevel: 1 });
    expect(plan.register.map((c) => c.name)).toEqual(['mod']);
    expect(plan.routes.m0000).toEqual({
      kind: 'folded',
      root: 'mod',
      group: 'm0000-m0024',
      subcommand: 'm0000',
    });
    expect(plan.routes.m0059).toEqual({
      kind: 'folded',
      root: 'mod',
      group: 'm0050-m0059',
      subcommand: 'm0059',
    });
    expect(validateCommand(plan.register[0])).toEqual([]);
  });

  it('fits 2,500 commands without groups with zero prefix-only', () => {
    const cmds = many(2500, (i) =>
      plain(`cmd${pad(i)}`, {
        category: `cat${i % 37}`,
        options: [{ type: 3, name: 'text', description: 'Text', required: true }],
      } as Partial<CommandSpec>),
    );
    const plan = planCommands(cmds);
    const kinds = Object.values(plan.routes).map((r) => r.kind);
    expect(kinds.filter((k) => k === 'prefix-only')).toHaveLength(0);
    expect(kinds).toHaveLength(2500);
    expect(chatCount(plan)).toBeLessThanOrEqual(95);
    for (const payload of plan.register) expect(validateCommand(payload)).toEqual([]);
  });

  it('merges many tiny categories into the shared root instead of losing commands', () => {
    const cmds = many(300, (i) => plain(`c${pad(i)}`, { category: `solo${i}` }));
    const plan = planCommands(cmds);
    expect(Object.values(plan.routes).every((r) => r.kind !== 'prefix-only')).toBe(true);
    expect(chatCount(plan)).toBeLessThanOrEqual(95);
    expect(plan.status.warnings.join('\n')).toContain('share the default root');
  });

  it('never puts commands with different permissions or nsfw into one root', () => {
    const cmds = [
      ...many(95, (i) => plain(`top${pad(i)}`, { priority: 1 })),
      plain('ban', { category: 'mod', default_member_permissions: '4' }),
      plain('warn', { category: 'mod' }),
    ];
    const plan = planCommands(cmds);
    const ban = plan.routes.ban;
    const warn = plan.routes.warn;
    expect(ban?.kind).toBe('folded');
    expect(warn?.kind).toBe('folded');
    if (ban?.kind !== 'folded' || warn?.kind !== 'folded') return;
    expect(ban.root).not.toBe(warn.root);
    const banRoot = plan.register.find((c) => c.name === ban.root)!;
    expect(banRoot.default_member_permissions).toBe('4');
  });

  it('never names a root like an existing command', () => {
    const cmds = [
      ...many(94, (i) => plain(`top${pad(i)}`, { priority: 1 })),
      plain('mod', { priority: 1 }),
      ...many(3, (i) => plain(`m${i}`, { category: 'mod' })),
    ];
    const plan = planCommands(cmds);
    const names = plan.register.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(plan.routes.m0).toMatchObject({ kind: 'folded', root: 'mod-2' });
  });

  it('uses rootNames and the "" key for uncategorised commands', () => {
    const cmds = [
      ...many(95, (i) => plain(`top${pad(i)}`, { priority: 1 })),
      plain('a', { category: 'Moderation' }),
      plain('b'),
    ];
    const plan = planCommands(cmds, { rootNames: { Moderation: 'mod', '': 'misc' } });
    expect(plan.routes.a).toMatchObject({ root: 'mod' });
    expect(plan.routes.b).toMatchObject({ root: 'misc' });
  });

  it('honours fold: false and prefixFallback: false', () => {
    const cmds = many(97, (i) => plain(`c${pad(i)}`));
    const noFold = planCommands(cmds, { fold: false });
    expect(noFold.routes.c0096).toMatchObject({ kind: 'prefix-only' });
    const excluded = planCommands(cmds, { fold: false, prefixFallback: false });
    expect(excluded.routes.c0096).toMatchObject({ kind: 'excluded' });
  });

  it('respects a lower safeLimit for everything registered, roots included', () => {
    const plan = planCommands(
      many(60, (i) => plain(`c${pad(i)}`, { category: `k${i % 3}` })),
      {
        safeLimit: 20,
        warningThreshold: 10,
        maxTopLevel: 50,
      },
    );
    expect(chatCount(plan)).toBeLessThanOrEqual(20);
    expect(Object.values(plan.routes).every((r) => r.kind !== 'prefix-only')).toBe(true);
  });
});

describe('planCommands — bad input and other types', () => {
  it('excludes invalid commands into violations and routes them prefix-only with the reason', () => {
    const plan = planCommands([
      plain('ok'),
      plain('Bad'),
      { description: 'nameless' } as CommandSpec,
    ]);
    expect(plan.register.map((c) => c.name)).toEqual(['ok']);
    expect(plan.routes.Bad).toMatchObject({
      kind: 'prefix-only',
      reason: expect.stringContaining('lowercase'),
    });
    expect(plan.violations.map((v) => v.command)).toEqual(['#2', 'Bad']);
    expect(plan.status.level).toBe('critical');
  });

  it('rejects two different commands with one name, but tolerates exact duplicates', () => {
    const clash = planCommands([plain('x'), plain('x', { description: 'Other' })]);
    expect(clash.violations[0]?.violations[0]?.rule).toBe('name.duplicate');
    expect(clash.register).toHaveLength(0);
    const same = planCommands([
      plain('x'),
      plain('x', { type: 1, nsfw: false } as Partial<CommandSpec>),
    ]);
    expect(same.register).toHaveLength(1);
    expect(same.violations).toEqual([]);
  });

  it('caps user and message commands separately and keys them by type', () => {
    const menus = [
      ...many(16, (i) => ({ type: 2, name: `User ${pad(i)}` }) as CommandSpec),
      ...many(3, (i) => ({ type: 3, name: `Msg ${i}` }) as CommandSpec),
      { type: 2, name: 'ban' } as CommandSpec,
      plain('ban'),
    ];
    const plan = planCommands(menus);
    expect(plan.routes['user:User 0015']).toMatchObject({ kind: 'prefix-only' });
    expect(plan.routes['message:Msg 0']).toEqual({ kind: 'top-level' });
    expect(plan.routes.ban).toEqual({ kind: 'top-level' });
    expect(plan.register.filter((c) => c.type === 2)).toHaveLength(15);
    expect(plan.status.used).toBe(1);
  });

  it('throws ZRX_SLASH_OPTIONS for inconsistent thresholds, naming the option', () => {
    const run = () => planCommands([], { safeLimit: 120 });
    expect(run).toThrow(SlashLimitError);
    expect(run).toThrow(/safeLimit 120/);
    try {
      planCommands([], { warningThreshold: 99 });
    } catch (error) {
      expect(error).toMatchObject({
        code: 'ZRX_SLASH_OPTIONS',
        hint: expect.stringContaining('warningThreshold'),
      });
    }
    expect(() => planCommands([], { rootNames: { x: 'Bad Name' } })).toThrow(/rootNames/);
  });

  it('routes commands named like Object.prototype members', () => {
    const plan = planCommands([plain('__proto__'), plain('constructor')]);
    expect(Object.keys(plan.routes).sort()).toEqual(['__proto__', 'constructor']);
    expect(planCommands([plain('ping')]).routes.constructor).toBeUndefined();
  });
});
