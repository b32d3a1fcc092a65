import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CommandSpec, routeKey } from '../src/command-spec.js';
import { planCommands } from '../src/plan-commands.js';
import type { CommandPlan } from '../src/plan-types.js';
import { resolveRoute, slashPath } from '../src/resolve-route.js';
import { validateCommand } from '../src/validate-command.js';
import { commandSetArb } from './arbitraries.js';
import { rebuildWithBuilders } from './builders-roundtrip.js';

// Large sets are costly to generate: a modest number of runs, sized over the whole range.
const RUNS = { numRuns: 12, endOnFailure: true } as const;

function assertPlanInvariants(cmds: CommandSpec[], plan: CommandPlan): void {
  for (const payload of plan.register) {
    expect(validateCommand(payload)).toEqual([]);
    expect(() => rebuildWithBuilders(payload)).not.toThrow();
  }
  const keys = new Set(cmds.map((c) => routeKey(c)));
  expect(new Set(Object.keys(plan.routes))).toEqual(keys);
  const byType = (type: number) => plan.register.filter((c) => (c.type ?? 1) === type);
  expect(byType(1).length).toBeLessThanOrEqual(95);
  expect(byType(2).length).toBeLessThanOrEqual(15);
  expect(byType(3).length).toBeLessThanOrEqual(15);
  for (const type of [1, 2, 3]) {
    const names = byType(type).map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  }
  // Every folded route is a real path in what gets registered, and resolves back to its command.
  for (const [name, route] of Object.entries(plan.routes)) {
    if (route.kind !== 'folded') continue;
    const [root, ...rest] = slashPath(plan, name)!;
    const payload = plan.register.find((c) => c.name === root && (c.type ?? 1) === 1)!;
    let options = 'options' in payload ? (payload.options ?? []) : [];
    for (const step of rest) {
      const next = options.find((o) => o.name === step);
      expect(next, `${name} → ${root} ${rest.join(' ')}`).toBeDefined();
      options = next && 'options' in next ? ((next.options ?? []) as typeof options) : [];
    }
    const interaction =
      rest.length === 2
        ? [{ type: 2, name: rest[0]!, options: [{ type: 1, name: rest[1]!, options: [] }] }]
        : 'group' in route
          ? [{ type: 2, name: rest[0]!, options: [{ type: 1, name: 'x', options: [] }] }]
          : [{ type: 1, name: rest[0]!, options: [] }];
    expect(resolveRoute(plan, root!, interaction as never)?.name).toBe(name);
  }
}

describe('planCommands properties', () => {
  it('registers only valid payloads, routes every command once, never exceeds a cap', () => {
    fc.assert(
      fc.property(commandSetArb({ minLength: 1, maxLength: 2500, withGroups: true }), (cmds) => {
        assertPlanInvariants(cmds, planCommands(cmds));
      }),
      RUNS,
    );
  }, 120_000);

  it('leaves nothing prefix-only when no command has groups (1–2,500 commands)', () => {
    fc.assert(
      fc.property(commandSetArb({ minLength: 1, maxLength: 2500, withGroups: false }), (cmds) => {
        const plan = planCommands(cmds);
        const pinned = cmds.filter((c) => c.pinned === true).length;
        fc.pre(pinned <= 95);
        const lost = cmds.filter(
          (c) =>
            (c.type ?? 1) === 1 &&
            plan.routes[c.name]?.kind !== 'top-level' &&
            plan.routes[c.name]?.kind !== 'folded',
        );
        expect(lost.map((c) => c.name)).toEqual([]);
      }),
      RUNS,
    );
  }, 120_000);

  it('is deterministic: any input order gives the same plan', () => {
    fc.assert(
      fc.property(
        commandSetArb({ minLength: 1, maxLength: 600, withGroups: true }),
        fc.integer(),
        (cmds, seed) => {
          const shuffled = [...cmds];
          let state = seed;
          for (let i = shuffled.length - 1; i > 0; i--) {
            state = (state * 1103515245 + 12345) & 0x7fffffff;
            const j = state % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          expect(planCommands(shuffled)).toEqual(planCommands(cmds));
        },
      ),
      RUNS,
    );
  }, 120_000);

  it('is stable: adding one command moves only its own category and commands whose top-level status changed', () => {
    fc.assert(
      fc.property(
        commandSetArb({ minLength: 100, maxLength: 600, withGroups: false }),
        commandSetArb({ minLength: 1, maxLength: 1, withGroups: false }),
        (cmds, [extra]) => {
          const key = routeKey(extra!);
          fc.pre((extra!.type ?? 1) === 1 && !cmds.some((c) => routeKey(c) === key));
          const before = planCommands(cmds);
          const after = planCommands([...cmds, extra!]);
          const merged = (p: CommandPlan) =>
            p.status.warnings.some((w) => w.includes('share the default root'));
          const bundled = (p: CommandPlan) =>
            Object.values(p.routes).some(
              (r) => r.kind === 'folded' && 'group' in r && 'subcommand' in r,
            );
          // Switching to a later fallback (bundling, merging) re-lays out every root by design.
          fc.pre(!merged(before) && !merged(after) && bundled(before) === bundled(after));
          const categoryOf = new Map(cmds.map((c) => [routeKey(c), c.category]));
          const touched = new Set([extra!.category]);
          for (const [name, route] of Object.entries(before.routes)) {
            if ((route.kind === 'top-level') !== (after.routes[name]?.kind === 'top-level')) {
              touched.add(categoryOf.get(name));
            }
          }
          const moved = Object.entries(before.routes).filter(
            ([name, route]) =>
              !touched.has(categoryOf.get(name)) &&
              (route.kind === 'folded' || route.kind === 'top-level') &&
              JSON.stringify(after.routes[name]) !== JSON.stringify(route),
          );
          expect(moved).toEqual([]);
        },
      ),
      RUNS,
    );
  }, 120_000);

  it('never throws on arbitrary input, and routes every input that has a name', () => {
    const junkCommand = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constant('ok')),
        type: fc.oneof(fc.constant(undefined), fc.integer({ min: -1, max: 5 })),
        description: fc.anything(),
        options: fc.oneof(fc.anything(), fc.array(fc.anything(), { maxLength: 5 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), junkCommand), { maxLength: 40 }), (input) => {
        const plan = planCommands(input as CommandSpec[]);
        for (const item of input) {
          const record = item as { name?: unknown; type?: unknown };
          if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
          if (typeof record.name !== 'string') continue;
          const type = typeof record.type === 'number' ? record.type : undefined;
          expect(plan.routes[routeKey({ name: record.name, type })]).toBeDefined();
        }
        for (const payload of plan.register) expect(validateCommand(payload)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
