import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ExtensionManifest, ResolutionPlan } from './index';
import { ProblemCode, resolve } from './index';

interface RandomGraph {
  readonly manifests: ExtensionManifest[];
  /** Normalised name → names it loads after (required and optional, present or not). */
  readonly edges: Map<string, string[]>;
  /** Normalised name → its required dependencies. */
  readonly required: Map<string, string[]>;
}

// Some names carry a space, so normalisation warnings are part of the determinism check.
const name = (i: number): string => (i % 5 === 4 ? `x ${i}` : `x${i}`);
const normalized = (raw: string): string => raw.replace(' ', '-');

/** Random graphs of up to 14 extensions: cycles, missing names, optional edges, bad ranges, conflicts. */
const graph: fc.Arbitrary<RandomGraph> = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      versions: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: n, maxLength: n }),
      links: fc.array(
        fc.record({
          from: fc.integer({ min: 0, max: n - 1 }),
          to: fc.integer({ min: 0, max: n + 1 }),
          kind: fc.constantFrom('required', 'required', 'required', 'optional', 'conflict'),
          range: fc.constantFrom('*', '^1.0.0', '>=2.0.0', '1.x || 3.x'),
        }),
        { maxLength: n * 3 },
      ),
    }),
  )
  .map(({ n, versions, links }) => {
    const manifests = Array.from({ length: n }, (_, i) => ({
      name: name(i),
      version: `${versions[i]}.0.0`,
      dependencies: {} as Record<string, string>,
      optionalDependencies: {} as Record<string, string>,
      conflicts: {} as Record<string, string>,
    }));
    for (const { from, to, kind, range } of links) {
      const manifest = manifests[from]!;
      if (kind === 'conflict') manifest.conflicts[name(to)] = range;
      else if (kind === 'optional') manifest.optionalDependencies[name(to)] = range;
      else manifest.dependencies[name(to)] = range;
    }
    const edges = new Map<string, string[]>();
    const required = new Map<string, string[]>();
    for (const manifest of manifests) {
      const needs = Object.keys(manifest.dependencies).map(normalized);
      const optional = Object.keys(manifest.optionalDependencies)
        .map(normalized)
        .filter((d) => !needs.includes(d));
      edges.set(normalized(manifest.name), [...needs, ...optional]);
      required.set(normalized(manifest.name), needs);
    }
    return { manifests, edges, required };
  });

/** Nodes on a cycle, by brute force: v is cyclic when v is reachable from one of its successors. */
function cyclicNodes(edges: Map<string, string[]>): Set<string> {
  const cyclic = new Set<string>();
  for (const start of edges.keys()) {
    const seen = new Set<string>();
    const stack = [...(edges.get(start) ?? [])];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (v === start) {
        cyclic.add(start);
        break;
      }
      if (seen.has(v) || !edges.has(v)) continue;
      seen.add(v);
      stack.push(...edges.get(v)!);
    }
  }
  return cyclic;
}

const snapshot = (plan: ResolutionPlan) =>
  JSON.stringify({ plan, dependencies: plan.dependencies, explain: plan.explain() });

describe('resolve on random graphs', () => {
  test('the order respects every edge, and levels agree with it', () => {
    fc.assert(
      fc.property(graph, ({ manifests, edges, required }) => {
        const plan = resolve(manifests);
        expect(plan.order).toEqual(plan.levels.flat());
        const position = new Map(plan.order.map((n, i) => [n, i]));
        const levelOf = new Map(plan.levels.flatMap((level, l) => level.map((n) => [n, l])));
        for (const v of plan.order) {
          for (const dependency of required.get(v)!) {
            expect(position.has(dependency)).toBe(true);
          }
          for (const dependency of edges.get(v)!) {
            if (!position.has(dependency)) continue;
            expect(position.get(dependency)!).toBeLessThan(position.get(v)!);
            expect(levelOf.get(dependency)!).toBeLessThan(levelOf.get(v)!);
          }
          // Each level above the first needs something on the level just below it.
          const l = levelOf.get(v)!;
          if (l > 0) expect(edges.get(v)!.some((d) => levelOf.get(d) === l - 1)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('every reported cycle is a real simple cycle, and every cyclic node is reported', () => {
    fc.assert(
      fc.property(graph, ({ manifests, edges }) => {
        const plan = resolve(manifests);
        const cyclic = cyclicNodes(edges);
        const reported = new Set<string>();
        for (const problem of plan.problems) {
          if (problem.code !== ProblemCode.Cycle) continue;
          const chain = problem.chain!;
          reported.add(problem.extension);
          expect(chain[0]).toBe(problem.extension);
          expect(chain.at(-1)).toBe(problem.extension);
          expect(new Set(chain.slice(0, -1)).size).toBe(chain.length - 1);
          for (let i = 0; i < chain.length - 1; i++) {
            expect(edges.get(chain[i]!)).toContain(chain[i + 1]);
          }
        }
        expect([...reported].sort()).toEqual([...cyclic].sort());
        for (const v of cyclic) expect(plan.order).not.toContain(v);
      }),
      { numRuns: 400 },
    );
  });

  test('order and skipped partition the extensions; every skip has an error', () => {
    fc.assert(
      fc.property(graph, ({ manifests, edges }) => {
        const plan = resolve(manifests);
        const skipped = plan.skipped.map((entry) => entry.name);
        expect([...plan.order, ...skipped].sort()).toEqual([...edges.keys()].sort());
        for (const entry of plan.skipped) {
          expect(entry.problems.length).toBeGreaterThan(0);
          for (const problem of entry.problems) {
            expect(problem.severity).toBe('error');
            expect(problem.message.length).toBeGreaterThan(0);
            expect(problem.hint).toBeTruthy();
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the same input in any order gives the same plan', () => {
    fc.assert(
      fc.property(
        graph.chain((g) =>
          fc.tuple(
            fc.constant(g),
            fc.shuffledSubarray(g.manifests, { minLength: g.manifests.length }),
          ),
        ),
        fc.boolean(),
        fc.boolean(),
        ([{ manifests }, shuffled], enforceDependencies, enforceConflicts) => {
          const options = { enforceDependencies, enforceConflicts };
          expect(snapshot(resolve(shuffled, options))).toBe(snapshot(resolve(manifests, options)));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('with enforcement off everything loads, and only cycle partners share a level', () => {
    fc.assert(
      fc.property(graph, ({ manifests, edges }) => {
        const plan = resolve(manifests, { enforceDependencies: false, enforceConflicts: false });
        expect(plan.skipped).toEqual([]);
        expect([...plan.order].sort()).toEqual([...edges.keys()].sort());
        expect(plan.problems.every((problem) => problem.severity === 'warning')).toBe(true);
        const levelOf = new Map(plan.levels.flatMap((level, l) => level.map((n) => [n, l])));
        const cyclic = cyclicNodes(edges);
        for (const [v, dependencies] of edges) {
          for (const dependency of dependencies) {
            if (!levelOf.has(dependency) || dependency === v) continue;
            if (levelOf.get(dependency) === levelOf.get(v)) {
              expect(cyclic.has(v) && cyclic.has(dependency)).toBe(true);
            } else {
              expect(levelOf.get(dependency)!).toBeLessThan(levelOf.get(v)!);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
