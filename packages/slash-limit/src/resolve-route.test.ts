import { describe, expect, it } from 'vitest';
import type { CommandSpec } from './command-spec.js';
import { planCommands } from './plan-commands.js';
import { resolveRoute, slashPath } from './resolve-route.js';

const top = Array.from({ length: 95 }, (_, i) => ({
  name: `top${String(i).padStart(2, '0')}`,
  description: 'Top',
  priority: 1,
})) as CommandSpec[];
const ban = {
  name: 'ban',
  description: 'Ban',
  category: 'mod',
  options: [{ type: 6, name: 'user', description: 'Who', required: true }],
} as CommandSpec;
const role = {
  name: 'role',
  description: 'Roles',
  category: 'mod',
  options: [
    {
      type: 1,
      name: 'add',
      description: 'Add',
      options: [{ type: 8, name: 'role', description: 'R' }],
    },
  ],
} as CommandSpec;
const plan = planCommands([
  ...top,
  ban,
  role,
  {
    name: 'groups',
    description: 'G',
    options: [
      { type: 2, name: 'g', description: 'G', options: [{ type: 1, name: 's', description: 'S' }] },
    ],
  } as CommandSpec,
]);

describe('resolveRoute', () => {
  it('passes a top-level command through unchanged', () => {
    const options = [{ type: 3, name: 'q', value: 'x' }] as never[];
    expect(resolveRoute(plan, 'groups', options)).toMatchObject({ name: 'groups', options });
  });

  it('unfolds /mod ban into ban with its own options', () => {
    const user = { type: 6, name: 'user', value: '1' };
    const resolved = resolveRoute(plan, 'mod', [
      { type: 1, name: 'ban', options: [user] },
    ] as never);
    expect(resolved).toEqual({
      name: 'ban',
      route: { kind: 'folded', root: 'mod', subcommand: 'ban' },
      options: [user],
    });
    expect(slashPath(plan, 'ban')).toEqual(['mod', 'ban']);
  });

  it('unfolds a command folded whole as a group into its subcommand call', () => {
    const add = { type: 1, name: 'add', options: [{ type: 8, name: 'role', value: '2' }] };
    const resolved = resolveRoute(plan, 'mod', [
      { type: 2, name: 'role', options: [add] },
    ] as never);
    expect(resolved).toMatchObject({ name: 'role', options: [add] });
    expect(slashPath(plan, 'role')).toEqual(['mod', 'role']);
  });

  it('returns undefined for unknown paths and for prefix-only commands', () => {
    expect(
      resolveRoute(plan, 'mod', [{ type: 1, name: 'kick', options: [] }] as never),
    ).toBeUndefined();
    expect(resolveRoute(plan, 'nothing')).toBeUndefined();
    expect(slashPath(plan, 'missing')).toBeUndefined();
  });

  it('unfolds bundled subcommands /root group sub', () => {
    const many = Array.from({ length: 700 }, (_, i) => ({
      name: `c${String(i).padStart(3, '0')}`,
      description: 'C',
      category: `k${i % 3}`,
    })) as CommandSpec[];
    const big = planCommands(many, { safeLimit: 3, warningThreshold: 1 });
    const [name, route] = Object.entries(big.routes).find(
      ([, r]) => r.kind === 'folded' && 'group' in r && 'subcommand' in r,
    )!;
    const [root, group, sub] = slashPath(big, name)!;
    expect(route.kind).toBe('folded');
    expect(
      resolveRoute(big, root!, [
        { type: 2, name: group!, options: [{ type: 1, name: sub!, options: [] }] },
      ] as never)?.name,
    ).toBe(name);
  });
});
