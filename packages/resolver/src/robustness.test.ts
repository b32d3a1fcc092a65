import { describe, expect, test } from 'vitest';
import type { ExtensionManifest, ResolveOptions } from './index';
import { dependentsOf, ProblemCode, resolve, unloadOrder } from './index';

describe('hostile or careless input never throws', () => {
  test('options that are not an object are ignored', () => {
    for (const options of [null, 42, 'strict']) {
      const plan = resolve([{ name: 'a', version: '1.0.0' }], options as unknown as ResolveOptions);
      expect(plan.order).toEqual(['a']);
    }
  });

  test('a non-array "loaded" is a coded problem', () => {
    const plan = resolve([], { loaded: {} as unknown as ExtensionManifest[] });
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatchObject({
      code: ProblemCode.ManifestInvalid,
      extension: 'loaded',
    });
  });

  test('names that are Object.prototype keys stay ordinary keys', () => {
    const manifests = JSON.parse(
      '[{"name":"__proto__","version":"1.0.0"},{"name":"constructor","version":"1.0.0","dependencies":{"__proto__":"*"}}]',
    ) as ExtensionManifest[];
    const plan = resolve(manifests);
    expect(plan.order).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(plan.versions)).toEqual(['__proto__', 'constructor']);
    expect(plan.dependencies.constructor).toEqual(['__proto__']);
    expect(dependentsOf(plan, '__proto__')).toEqual(['constructor']);
    expect(unloadOrder(plan, ['__proto__'])).toEqual(['constructor', '__proto__']);
  });

  test('self-referencing duplicates of equal version are still compared', () => {
    const a: Record<string, unknown> = { name: 'a', version: '1.0.0', extra: 1 };
    a.self = a;
    const b: Record<string, unknown> = { name: 'a', version: '1.0.0', extra: 2n };
    b.self = b;
    const plan = resolve([a, b] as unknown as ExtensionManifest[]);
    expect(plan.order).toEqual(['a']);
    expect(plan.problems.map((problem) => problem.code)).toEqual([ProblemCode.Duplicate]);
  });

  test('a 20,000-deep chain resolves without overflowing the stack', () => {
    const depth = 20_000;
    const manifests: ExtensionManifest[] = Array.from({ length: depth }, (_, i) => ({
      name: `e${i}`,
      version: '1.0.0',
      dependencies: i === 0 ? {} : { [`e${i - 1}`]: '*' },
    }));
    const plan = resolve(manifests);
    expect(plan.levels).toHaveLength(depth);
    expect(plan.order[depth - 1]).toBe(`e${depth - 1}`);
    // One ring through all of them: a single cycle covers every node.
    manifests[0] = { name: 'e0', version: '1.0.0', dependencies: { [`e${depth - 1}`]: '*' } };
    const ring = resolve(manifests);
    expect(ring.skipped).toHaveLength(depth);
    expect(ring.problems[0]!.chain).toHaveLength(depth + 1);
    expect(ring.problems[1]!.chain!.slice(0, 2)).toEqual(['e1', 'e0']);
    // Every member's message is short and the whole report stays linear in size.
    expect(ring.explain().length).toBeLessThan(depth * 1_000);
  });
});
