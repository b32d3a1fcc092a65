import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, test } from 'vitest';
import { parseRange, parseVersion, satisfies } from './semver-cache';

const part = fc.integer({ min: 0, max: 3 });
const prerelease = fc.constantFrom('', '-alpha', '-beta.1', '-0', '-rc.2');
const version = fc
  .tuple(part, part, part, prerelease)
  .map(([major, minor, patch, pre]) => `${major}.${minor}.${patch}${pre}`);
const comparatorSet = fc.oneof(
  version.map((v) => `^${v}`),
  version.map((v) => `~${v}`),
  fc.tuple(version, version).map(([a, b]) => `>=${a} <${b}`),
  fc.tuple(version, version).map(([a, b]) => `${a} - ${b}`),
  fc.tuple(part, part).map(([a, b]) => `${a}.${b}.x`),
  part.map((a) => `${a}.x`),
  fc.constantFrom('*', '', 'x', '>=0.0.0'),
  fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '='), version).map(([op, v]) => `${op}${v}`),
);
const range = fc
  .array(comparatorSet, { minLength: 1, maxLength: 3 })
  .map((sets) => sets.join(' || '));

describe('satisfies', () => {
  test('agrees with semver.satisfies (npm defaults) on random versions and ranges', () => {
    fc.assert(
      fc.property(version, range, (v, r) => {
        const parsedRange = parseRange(r);
        expect(parsedRange).not.toBeNull();
        expect(satisfies(parseVersion(v)!, parsedRange!)).toBe(semver.satisfies(v, r));
      }),
      { numRuns: 3000 },
    );
  });

  test('invalid ranges and versions parse to null, and are cached as such', () => {
    expect(parseRange('^^1')).toBeNull();
    expect(parseRange('^^1')).toBeNull();
    expect(parseVersion('1.0')).toBeNull();
    expect(parseRange('^1.0.0')).toBe(parseRange('^1.0.0'));
  });
});
