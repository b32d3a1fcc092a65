import { describe, expect, it } from 'vitest';
import { explainExtension, relationsOf } from './extension-report.js';

const loaded = [
  { name: 'voice', version: '2.4.1' },
  { name: 'economy', version: '1.0.0', conflicts: { music: '<2' } },
  { name: 'legacy', version: '0.9.0' },
];

describe('relationsOf', () => {
  it('reports every dependency with its range and state', () => {
    const report = relationsOf(
      {
        name: 'music',
        version: '1.5.0',
        dependencies: { voice: '^2.0.0', db: '^1', economy: '^2' },
        optionalDependencies: { lyrics: '*', legacy: '>=0.5' },
        conflicts: { legacy: '<1', other: '*' },
      },
      loaded,
    );
    expect(report.dependencies).toEqual([
      { name: 'voice', range: '^2.0.0', optional: false, state: 'ok', found: '2.4.1' },
      { name: 'db', range: '^1', optional: false, state: 'missing', found: null },
      { name: 'economy', range: '^2', optional: false, state: 'out-of-range', found: '1.0.0' },
      { name: 'lyrics', range: '*', optional: true, state: 'absent (optional)', found: null },
      { name: 'legacy', range: '>=0.5', optional: true, state: 'ok', found: '0.9.0' },
    ]);
    expect(report.conflicts).toEqual([
      { name: 'legacy', range: '<1', active: true, found: '0.9.0' },
      { name: 'other', range: '*', active: false, found: null },
    ]);
    expect(report.conflictedBy).toEqual(['economy']);
    expect(report.cycles).toEqual([]);
  });

  it('finds the cycles an extension sits on', () => {
    const a = { name: 'a', version: '1.0.0', dependencies: { b: '*' } };
    const b = { name: 'b', version: '1.0.0', dependencies: { c: '*' } };
    const c = { name: 'c', version: '1.0.0', dependencies: { a: '*' } };
    expect(relationsOf(a, [], [a, b, c]).cycles).toEqual([['a', 'b', 'c', 'a']]);
  });
});

describe('explainExtension', () => {
  it('refuses with the resolver message, or loads with a warning when enforcement is off', () => {
    const subject = { name: 'music', version: '1.0.0', dependencies: { voice: '^3' } };
    const refused = explainExtension(subject, loaded, {});
    expect(refused.ok).toBe(false);
    expect(refused.problems[0]?.code).toBe('ZRX_DEP_VERSION');
    expect(refused.explanation).toContain('music');
    const lenient = explainExtension(subject, loaded, { dependencies: false });
    expect(lenient.ok).toBe(true);
    expect(lenient.problems[0]?.severity).toBe('warning');
  });
});
