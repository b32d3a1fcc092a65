import { describe, expect, test } from 'vitest';
import { ProblemCode, resolve } from './index';

describe('ZRX_DEP_MISSING', () => {
  test('names the missing extension and the range, and refuses the dependent', () => {
    const plan = resolve([{ name: 'music', version: '2.1.0', dependencies: { voice: '^3.0.0' } }]);
    expect(plan.order).toEqual([]);
    expect(plan.skipped).toEqual([
      {
        name: 'music',
        problems: [
          {
            code: ProblemCode.DependencyMissing,
            severity: 'error',
            extension: 'music',
            message:
              'Because music@2.1.0 needs voice ^3.0.0 and no extension named voice is present or loaded, music cannot load.',
            hint: 'Add the extension voice (a version matching ^3.0.0), or, if music can run without it, move it from "dependencies" to "optionalDependencies".',
          },
        ],
      },
    ]);
  });

  test('"*" reads as "needs voice"', () => {
    const plan = resolve([{ name: 'music', version: '2.1.0', dependencies: { voice: '*' } }]);
    expect(plan.problems[0]!.message).toMatch(
      /^Because music@2\.1\.0 needs voice and no extension/,
    );
    expect(plan.problems[0]!.hint).toMatch(/^Add the extension voice, or/);
  });

  test('an absent optional dependency is fine', () => {
    const plan = resolve([
      { name: 'music', version: '1.0.0', optionalDependencies: { lyrics: '^1.0.0' } },
    ]);
    expect(plan.order).toEqual(['music']);
    expect(plan.problems).toEqual([]);
  });
});

describe('ZRX_DEP_VERSION', () => {
  test('the issue example, word for word', () => {
    const plan = resolve([
      { name: 'playlists', version: '1.0.0', dependencies: { music: '^2.0.0' } },
      { name: 'voice', version: '2.4.1' },
      { name: 'music', version: '2.1.0', dependencies: { voice: '^3.0.0' } },
    ]);
    expect(plan.order).toEqual(['voice']);
    const music = plan.skipped.find((entry) => entry.name === 'music')!.problems[0]!;
    expect(music.code).toBe(ProblemCode.DependencyVersion);
    expect(music.message).toBe(
      'Because music@2.1.0 needs voice ^3.0.0 and only voice 2.4.1 is present, music cannot load.',
    );
    expect(music.hint).toBe(
      'Provide voice in a version matching ^3.0.0, or widen the range in the manifest of music to include 2.4.1 (e.g. "^3.0.0 || ^2.4.1").',
    );
    const playlists = plan.skipped.find((entry) => entry.name === 'playlists')!.problems[0]!;
    expect(playlists).toMatchObject({
      code: ProblemCode.DependencySkipped,
      severity: 'error',
      chain: ['playlists', 'music'],
      message:
        'Because music@2.1.0 needs voice ^3.0.0 and only voice 2.4.1 is present, music cannot load. And because playlists needs music, playlists cannot load.',
    });
    expect(playlists.hint).toBe(
      'playlists can load once music does; fix the root cause first: the ZRX_DEP_VERSION problem of music.',
    );
  });

  test('an optional dependency that is present must be in range', () => {
    const plan = resolve([
      { name: 'voice', version: '1.0.0' },
      { name: 'music', version: '1.0.0', optionalDependencies: { voice: '>=2' } },
    ]);
    expect(plan.order).toEqual(['voice']);
    expect(plan.problems[0]!.message).toBe(
      'Because music@1.0.0 accepts voice >=2 as an optional dependency and only voice 1.0.0 is present, music cannot load.',
    );
  });

  test('prereleases follow npm: ^3.0.0 does not match 3.0.0-beta.1, and the hint says why', () => {
    const plan = resolve([
      { name: 'voice', version: '3.0.0-beta.1' },
      { name: 'music', version: '1.0.0', dependencies: { voice: '^3.0.0' } },
      { name: 'radio', version: '1.0.0', dependencies: { voice: '^3.0.0-beta.0' } },
    ]);
    expect(plan.order).toEqual(['voice', 'radio']);
    expect(plan.skipped[0]!.problems[0]!.hint).toContain(
      '3.0.0-beta.1 is a prerelease: npm ranges only match prereleases of the same major.minor.patch when the range itself names a prerelease, e.g. "^3.0.0-beta.1".',
    );
  });

  test.each([
    ['1.2.3 - 2.3.4', '2.3.4', true],
    ['1.2.3 - 2.3.4', '2.3.5', false],
    ['1.x || >=2.5.0', '2.5.1', true],
    ['1.x || >=2.5.0', '2.4.0', false],
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['<2.0.0', '2.0.0-rc.1', false],
    ['*', '1.0.0-alpha', false],
    ['>=1.0.0-alpha <1.0.0', '1.0.0-beta', true],
  ])('range %s with %s present: loads = %s', (range, version, loads) => {
    const plan = resolve([
      { name: 'dep', version },
      { name: 'app', version: '1.0.0', dependencies: { dep: range } },
    ]);
    expect(plan.order.includes('app')).toBe(loads);
  });
});

describe('already loaded extensions', () => {
  test('satisfy dependencies, are checked for range, and never appear in the order', () => {
    const plan = resolve(
      [
        { name: 'music', version: '1.0.0', dependencies: { voice: '^2.0.0' } },
        { name: 'radio', version: '1.0.0', dependencies: { voice: '^3.0.0' } },
      ],
      { loaded: [{ name: 'voice', version: '2.4.1' }] },
    );
    expect(plan.order).toEqual(['music']);
    expect(plan.dependencies).toEqual({ music: ['voice'] });
    expect(plan.skipped[0]!.problems[0]!.message).toBe(
      'Because radio@1.0.0 needs voice ^3.0.0 and only voice 2.4.1 is loaded, radio cannot load.',
    );
  });

  test('invalid loaded manifests are warned about and ignored', () => {
    const plan = resolve([], { loaded: [{ name: 'voice', version: 'nope' }] });
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatchObject({
      code: ProblemCode.ManifestInvalid,
      severity: 'warning',
      extension: 'voice',
    });
    expect(plan.problems[0]!.message).toContain('(loaded[0] is ignored.)');
  });
});

describe('dependency enforcement off', () => {
  test('offenders load with warnings, ordered after what they need', () => {
    const plan = resolve(
      [
        { name: 'music', version: '2.1.0', dependencies: { voice: '^3.0.0', lyrics: '*' } },
        { name: 'voice', version: '2.4.1' },
        { name: 'playlists', version: '1.0.0', dependencies: { music: '*' } },
      ],
      { enforceDependencies: false },
    );
    expect(plan.skipped).toEqual([]);
    expect(plan.levels).toEqual([['voice'], ['music'], ['playlists']]);
    expect(plan.problems.map((problem) => [problem.code, problem.severity])).toEqual([
      [ProblemCode.DependencyVersion, 'warning'],
      [ProblemCode.DependencyMissing, 'warning'],
    ]);
    expect(plan.problems[0]!.message).toBe(
      'Because music@2.1.0 needs voice ^3.0.0 and only voice 2.4.1 is present, music would not load, but loads anyway because dependency enforcement is off.',
    );
  });
});
