import { describe, expect, test } from 'vitest';
import type { ExtensionManifest } from './index';
import { ProblemCode, resolve } from './index';

const needs = (name: string, ...dependencies: string[]): ExtensionManifest => ({
  name,
  version: '1.0.0',
  dependencies: Object.fromEntries(dependencies.map((dependency) => [dependency, '*'])),
});

describe('ZRX_DEP_SKIPPED', () => {
  test('tells the story from the root cause, link by link', () => {
    const plan = resolve([needs('c', 'b'), needs('b', 'a'), needs('a', 'ghost')]);
    expect(plan.skipped.find((entry) => entry.name === 'c')!.problems).toEqual([
      {
        code: ProblemCode.DependencySkipped,
        severity: 'error',
        extension: 'c',
        message:
          'Because a@1.0.0 needs ghost and no extension named ghost is present or loaded, a cannot load. And because b needs a, b cannot load. And because c needs b, c cannot load.',
        hint: 'c can load once b does; fix the root cause first: the ZRX_DEP_MISSING problem of a.',
        chain: ['c', 'b', 'a'],
      },
    ]);
  });

  test('a deep cascade is summarised in the message, complete in the chain', () => {
    const names = Array.from({ length: 8 }, (_, i) => `e${i}`);
    const plan = resolve(
      names.map((name, i) => (i === 0 ? needs(name, 'ghost') : needs(name, names[i - 1]!))),
    );
    const last = plan.skipped.find((entry) => entry.name === 'e7')!.problems[0]!;
    expect(last.chain).toEqual(['e7', 'e6', 'e5', 'e4', 'e3', 'e2', 'e1', 'e0']);
    expect(last.message).toBe(
      'Because e0@1.0.0 needs ghost and no extension named ghost is present or loaded, e0 cannot load. And because e6 depends on e0 through 5 more extensions that cannot load, e6 cannot load. And because e7 needs e6, e7 cannot load.',
    );
  });

  test('follows a shortest path (ties: first declared) and names every other refused dependency', () => {
    const plan = resolve([
      needs('app', 'far', 'near', 'other', 'more', 'most'),
      needs('far', 'mid'),
      needs('mid', 'near'),
      needs('near', 'ghost'),
      needs('other', 'ghost2'),
      needs('more', 'ghost3'),
      needs('most', 'ghost4'),
    ]);
    const app = plan.skipped.find((entry) => entry.name === 'app')!.problems;
    expect(app).toHaveLength(1);
    expect(app[0]!.chain).toEqual(['app', 'near']);
    expect(app[0]!.message).toMatch(
      /And because app needs near, app cannot load\. \(app also needs far, other, more and 1 more, which cannot load either\.\)$/,
    );
  });

  test('an extension refused for its own reason also lists refused dependencies', () => {
    const plan = resolve([needs('app', 'ghost', 'broken'), needs('broken', 'ghost2')]);
    const app = plan.skipped.find((entry) => entry.name === 'app')!.problems;
    expect(app.map((problem) => problem.code)).toEqual([
      ProblemCode.DependencyMissing,
      ProblemCode.DependencySkipped,
    ]);
  });

  test('a refused optional dependency is a warning and the extension loads without it', () => {
    const plan = resolve([
      { name: 'music', version: '1.0.0', optionalDependencies: { lyrics: '*' } },
      needs('lyrics', 'ghost'),
    ]);
    expect(plan.order).toEqual(['music']);
    expect(plan.dependencies).toEqual({ music: [] });
    const warning = plan.problems.find((problem) => problem.extension === 'music')!;
    expect(warning).toMatchObject({
      code: ProblemCode.DependencySkipped,
      severity: 'warning',
      chain: ['music', 'lyrics'],
      message:
        'Because lyrics@1.0.0 needs ghost and no extension named ghost is present or loaded, lyrics cannot load. So music loads without its optional dependency lyrics.',
      hint: 'For music to use lyrics: fix the root cause first: the ZRX_DEP_MISSING problem of lyrics.',
    });
  });

  test('with dependency enforcement off, a dependent of a refused extension loads with a warning', () => {
    const plan = resolve(
      [
        { name: 'moderation', version: '2.0.0' },
        { name: 'automod', version: '1.0.0', conflicts: { moderation: '*' } },
        needs('antispam', 'automod'),
      ],
      { enforceDependencies: false },
    );
    expect(plan.order).toEqual(['antispam', 'moderation']);
    const warning = plan.problems.find((problem) => problem.extension === 'antispam')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toMatch(
      /And because antispam needs automod, antispam would not load, but loads anyway because dependency enforcement is off\.$/,
    );
  });

  test('problems serialise to plain JSON with their lazy text', () => {
    const plan = resolve([needs('b', 'a'), needs('a', 'ghost')]);
    const json = JSON.parse(JSON.stringify(plan.problems)) as {
      message: string;
      chain?: string[];
    }[];
    expect(json[1]!.chain).toEqual(['b', 'a']);
    expect(json[1]!.message).toBe(plan.problems[1]!.message);
    expect({ ...plan.problems[1]! }.hint).toBe(plan.problems[1]!.hint);
  });
});
