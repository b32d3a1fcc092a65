import { describe, expect, test } from 'vitest';
import type { ExtensionManifest, Problem } from './index';
import { ProblemCode, resolve } from './index';

const bad = (value: unknown): ExtensionManifest => value as ExtensionManifest;

function only(problems: readonly Problem[], code: string): Problem {
  const found = problems.filter((problem) => problem.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('ZRX_MANIFEST_INVALID', () => {
  test('a non-array input is one coded problem, never a throw', () => {
    for (const input of [undefined, null, 42, 'music', { name: 'x' }]) {
      const plan = resolve(input as unknown as ExtensionManifest[]);
      expect(plan.order).toEqual([]);
      const problem = only(plan.problems, ProblemCode.ManifestInvalid);
      expect(problem).toMatchObject({ severity: 'error', extension: 'manifests' });
      expect(problem.message).toMatch(/^Expected manifests to be an array/);
      expect(problem.hint).toContain('[{ "name"');
    }
  });

  test('a manifest that is not an object names its position', () => {
    const plan = resolve([bad(null), { name: 'ok', version: '1.0.0' }, bad(7)]);
    expect(plan.order).toEqual(['ok']);
    expect(plan.problems.map((problem) => problem.extension)).toEqual([
      'manifests[0]',
      'manifests[2]',
    ]);
    expect(plan.problems[0]!.message).toBe(
      'The manifest at manifests[0] is not an object (got null), so it is ignored.',
    );
    expect(plan.skipped).toEqual([]);
  });

  test('an invalid name says why and suggests one', () => {
    const plan = resolve([bad({ name: 'Music!', version: '1.0.0' })]);
    const problem = only(plan.problems, ProblemCode.ManifestInvalid);
    expect(problem.extension).toBe('manifests[0]');
    expect(problem.message).toContain('invalid "name" ("Music!" contains "M!"');
    expect(problem.hint).toContain('such as "music-"');
  });

  test('a missing or non-semver version refuses the extension, naming the field', () => {
    const plan = resolve([
      bad({ name: 'a' }),
      { name: 'b', version: '1.0' },
      { name: 'c', version: 'v1.2.3' },
    ]);
    expect(plan.order).toEqual(['c']);
    expect(plan.versions.c).toBe('1.2.3');
    expect(plan.skipped.map((entry) => entry.name)).toEqual(['a', 'b']);
    expect(plan.skipped[0]!.problems[0]!.message).toBe(
      'Because the manifest of a has an invalid "version" (expected a semver string, got nothing (undefined)), a cannot load.',
    );
    expect(plan.skipped[1]!.problems[0]!.message).toBe(
      'Because the manifest of b has an invalid "version" ("1.0" is not a semver version), b cannot load.',
    );
    expect(plan.skipped[1]!.problems[0]!.hint).toContain('MAJOR.MINOR.PATCH');
  });

  test('bad ranges, bad range maps and bad dependency names are each reported', () => {
    const plan = resolve([
      bad({
        name: 'music',
        version: '1.0.0',
        dependencies: { voice: '^^1', Radio: '*', queue: 3 },
        optionalDependencies: ['lyrics'],
        conflicts: { music: '*' },
      }),
    ]);
    expect(plan.order).toEqual([]);
    const messages = plan.problems.map((problem) => `${problem.severity} ${problem.message}`);
    expect(messages).toEqual([
      'error Because the manifest of music has an invalid range at dependencies["voice"] ("^^1" is not a semver range), music cannot load.',
      'error Because the manifest of music has an invalid required dependency name dependencies["Radio"] ("Radio" contains "R"; only lowercase letters, digits, "-" and "_" are allowed), music cannot load.',
      'error Because the manifest of music has an invalid range at dependencies["queue"] (expected a semver range string, got a number (3)), music cannot load.',
      'error Because the manifest of music has an invalid "optionalDependencies" (expected an object of name → semver range, got an array), music cannot load.',
      'warning music lists itself in "conflicts"; that entry is ignored.',
    ]);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]!.problems).toHaveLength(4);
    for (const problem of plan.problems) expect(problem.hint).toBeTruthy();
  });

  test('a dependent of an invalid manifest cascades to it instead of calling it missing', () => {
    const plan = resolve([
      { name: 'voice', version: 'latest' },
      { name: 'music', version: '1.0.0', dependencies: { voice: '*' } },
    ]);
    const problem = plan.skipped.find((entry) => entry.name === 'music')!.problems[0]!;
    expect(problem.code).toBe(ProblemCode.DependencySkipped);
    expect(problem.message).toBe(
      'Because the manifest of voice has an invalid "version" ("latest" is not a semver version), voice cannot load. And because music needs voice, music cannot load.',
    );
  });
});

describe('ZRX_NAME_NORMALIZED', () => {
  test('whitespace in names and keys becomes a dash, with a warning each', () => {
    const plan = resolve([
      { name: 'leveling system', version: '1.0.0' },
      { name: 'rewards', version: '1.0.0', dependencies: { 'leveling system': '^1.0.0' } },
    ]);
    expect(plan.order).toEqual(['leveling-system', 'rewards']);
    const warnings = plan.problems.filter((problem) => problem.code === ProblemCode.NameNormalized);
    expect(warnings.map((problem) => [problem.extension, problem.severity])).toEqual([
      ['leveling-system', 'warning'],
      ['rewards', 'warning'],
    ]);
    expect(warnings[0]!.message).toBe(
      'The name "leveling system" contains whitespace; it is used as "leveling-system".',
    );
    expect(warnings[0]!.hint).toBe('Rename the extension to "leveling-system" in its manifest.');
    expect(warnings[1]!.hint).toBe(
      'Write the key as "leveling-system" in the manifest of rewards.',
    );
  });
});
