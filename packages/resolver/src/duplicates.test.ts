import { describe, expect, test } from 'vitest';
import { ProblemCode, resolve } from './index';

describe('ZRX_DUPLICATE', () => {
  test('the highest version is kept and the others are reported', () => {
    const plan = resolve([
      { name: 'music', version: '1.0.0' },
      { name: 'music', version: '2.1.0' },
      { name: 'music', version: '2.1.0-rc.1' },
    ]);
    expect(plan.order).toEqual(['music']);
    expect(plan.versions).toEqual({ music: '2.1.0' });
    expect(plan.skipped).toEqual([]);
    expect(plan.problems).toEqual([
      {
        code: ProblemCode.Duplicate,
        severity: 'warning',
        extension: 'music',
        message:
          '3 manifests are named music (2.1.0, 2.1.0-rc.1, 1.0.0); music@2.1.0 is used and the others are ignored.',
        hint: 'Remove the other copies of music (2.1.0-rc.1, 1.0.0) so that one manifest declares it.',
      },
    ]);
  });

  test('names that normalise to the same name are duplicates too', () => {
    const plan = resolve([
      { name: 'leveling-system', version: '1.0.0' },
      { name: 'leveling system', version: '1.5.0' },
    ]);
    expect(plan.versions).toEqual({ 'leveling-system': '1.5.0' });
    expect(plan.problems.map((problem) => problem.code)).toEqual([
      ProblemCode.NameNormalized,
      ProblemCode.Duplicate,
    ]);
  });

  test('an invalid copy is counted, its problems become warnings', () => {
    const plan = resolve([
      { name: 'music', version: 'one' },
      { name: 'music', version: '1.0.0' },
    ]);
    expect(plan.order).toEqual(['music']);
    expect(plan.problems.map((problem) => [problem.code, problem.severity])).toEqual([
      [ProblemCode.ManifestInvalid, 'warning'],
      [ProblemCode.Duplicate, 'warning'],
    ]);
    expect(plan.problems[1]!.message).toContain('(1.0.0, 1 invalid)');
  });

  test('equal versions with different content: the choice does not depend on input order', () => {
    const a = { name: 'music', version: '1.0.0', dependencies: { voice: '*' } };
    const b = { name: 'music', version: '1.0.0' };
    const voice = { name: 'voice', version: '1.0.0' };
    expect(resolve([a, b, voice]).dependencies).toEqual(resolve([b, voice, a]).dependencies);
  });

  test('a newcomer whose name is already loaded is refused', () => {
    const plan = resolve([{ name: 'music', version: '2.0.0' }], {
      loaded: [{ name: 'music', version: '1.0.0' }],
    });
    expect(plan.order).toEqual([]);
    expect(plan.skipped).toEqual([
      {
        name: 'music',
        problems: [
          {
            code: ProblemCode.Duplicate,
            severity: 'error',
            extension: 'music',
            message: 'Because music@1.0.0 is already loaded, music@2.0.0 cannot load beside it.',
            hint: 'To replace it, unload music first (or reload it); otherwise remove the new copy.',
          },
        ],
      },
    ]);
  });
});
