import { describe, expect, test } from 'vitest';
import type { ExtensionManifest } from './index';
import { ProblemCode, resolve } from './index';

const needs = (name: string, ...dependencies: string[]): ExtensionManifest => ({
  name,
  version: '1.0.0',
  dependencies: Object.fromEntries(dependencies.map((dependency) => [dependency, '*'])),
});

describe('ZRX_CYCLE', () => {
  test('every member is refused with the closed cycle starting at itself', () => {
    const plan = resolve([needs('a', 'b'), needs('b', 'c'), needs('c', 'a'), needs('base')]);
    expect(plan.order).toEqual(['base']);
    const cycles = plan.problems.filter((problem) => problem.code === ProblemCode.Cycle);
    expect(cycles.map((problem) => problem.chain)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['b', 'c', 'a', 'b'],
      ['c', 'a', 'b', 'c'],
    ]);
    expect(cycles[0]).toMatchObject({
      severity: 'error',
      message: 'Because a needs b, b needs c and c needs a (cycle: a → b → c → a), a cannot load.',
      hint: 'Break the cycle: remove one of its dependencies (for example "a" from the manifest of c), or move what they share into a new extension that both depend on.',
    });
  });

  test('a self-dependency is a cycle of one', () => {
    const plan = resolve([needs('a', 'a')]);
    expect(plan.skipped[0]!.problems[0]).toMatchObject({
      chain: ['a', 'a'],
      message: 'Because a needs itself (cycle: a → a), a cannot load.',
      hint: 'Remove "a" from its own dependencies.',
    });
  });

  test('cycles cover every node of a component with several loops', () => {
    // a ⇄ b and b → c → d → b: one component {a, b, c, d}, no single simple cycle covers it.
    const plan = resolve([needs('a', 'b'), needs('b', 'a', 'c'), needs('c', 'd'), needs('d', 'b')]);
    const chains = plan.problems
      .filter((problem) => problem.code === ProblemCode.Cycle)
      .map((problem) => problem.chain!);
    expect(chains.map((chain) => chain[0])).toEqual(['a', 'b', 'c', 'd']);
    expect(chains[0]).toEqual(['a', 'b', 'a']);
    expect(chains[2]).toEqual(['c', 'd', 'b', 'c']);
    // Partners on the cycle do not also get a ZRX_DEP_SKIPPED about each other.
    expect(plan.problems.every((problem) => problem.code === ProblemCode.Cycle)).toBe(true);
  });

  test('long cycles are shortened in the message but complete in the chain', () => {
    const names = Array.from({ length: 12 }, (_, i) => `n${i}`);
    const plan = resolve(names.map((name, i) => needs(name, names[(i + 1) % names.length]!)));
    const first = plan.problems[0]!;
    expect(first.chain).toHaveLength(13);
    expect(first.message).toBe(
      'Because n0 sits on a cycle of 12 extensions that need each other (cycle: n0 → n1 → n2 → n3 → n4 → n5 → … (5 more) → n11 → n0), n0 cannot load.',
    );
  });

  test('dependents of a cycle cascade', () => {
    const plan = resolve([needs('a', 'b'), needs('b', 'a'), needs('app', 'a')]);
    expect(plan.skipped.find((entry) => entry.name === 'app')!.problems[0]).toMatchObject({
      code: ProblemCode.DependencySkipped,
      chain: ['app', 'a'],
      message:
        'Because a needs b and b needs a (cycle: a → b → a), a cannot load. And because app needs a, app cannot load.',
    });
  });

  test('with dependency enforcement off, a cycle loads as one level in name order', () => {
    const plan = resolve(
      [needs('c', 'a'), needs('a', 'b'), needs('b', 'c', 'base'), needs('base')],
      {
        enforceDependencies: false,
      },
    );
    expect(plan.levels).toEqual([['base'], ['a', 'b', 'c']]);
    expect(plan.skipped).toEqual([]);
    expect(plan.problems.map((problem) => problem.severity)).toEqual([
      'warning',
      'warning',
      'warning',
    ]);
    expect(plan.problems[0]!.message).toMatch(
      /a would not load, but loads anyway because dependency enforcement is off\.$/,
    );
  });
});
