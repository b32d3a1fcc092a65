import { describe, expect, test } from 'vitest';
import { ProblemCode, resolve } from './index';

describe('ZRX_CONFLICT', () => {
  test('the declaring side is refused, the other loads', () => {
    const plan = resolve([
      { name: 'moderation', version: '2.0.0' },
      { name: 'automod', version: '1.0.0', conflicts: { moderation: '*' } },
    ]);
    expect(plan.order).toEqual(['moderation']);
    expect(plan.skipped).toEqual([
      {
        name: 'automod',
        problems: [
          {
            code: ProblemCode.Conflict,
            severity: 'error',
            extension: 'automod',
            message:
              'Because automod@1.0.0 conflicts with moderation (any version) and moderation@2.0.0 is present, automod cannot load.',
            hint: 'Keep only one of automod and moderation, or remove "moderation" from the conflicts of automod if they can run together (or resolve with enforceConflicts: false).',
          },
        ],
      },
    ]);
  });

  test('both sides are refused when both declare', () => {
    const plan = resolve([
      { name: 'a', version: '1.0.0', conflicts: { b: '*' } },
      { name: 'b', version: '1.0.0', conflicts: { a: '^1.0.0' } },
    ]);
    expect(plan.order).toEqual([]);
    expect(plan.skipped.map((entry) => entry.name)).toEqual(['a', 'b']);
    expect(plan.skipped[1]!.problems[0]!.message).toBe(
      'Because b@1.0.0 conflicts with a ^1.0.0 and a@1.0.0 is present, b cannot load.',
    );
  });

  test('a range outside the present version is no conflict', () => {
    const plan = resolve([
      { name: 'a', version: '1.0.0', conflicts: { b: '<1.0.0' } },
      { name: 'b', version: '1.0.0' },
    ]);
    expect(plan.order).toEqual(['a', 'b']);
  });

  test('against a loaded extension the newcomer is refused, whoever declared', () => {
    const declaredByNewcomer = resolve(
      [{ name: 'automod', version: '1.0.0', conflicts: { moderation: '2.x' } }],
      { loaded: [{ name: 'moderation', version: '2.0.0' }] },
    );
    expect(declaredByNewcomer.skipped[0]!.problems[0]).toMatchObject({
      message:
        'Because automod@1.0.0 conflicts with moderation 2.x and moderation@2.0.0 is already loaded, automod cannot load.',
      hint: 'Unload moderation before loading automod, or remove "moderation" from the conflicts of automod if they can run together.',
    });
    const declaredByLoaded = resolve([{ name: 'automod', version: '1.0.0' }], {
      loaded: [{ name: 'moderation', version: '2.0.0', conflicts: { automod: '*' } }],
    });
    expect(declaredByLoaded.order).toEqual([]);
    expect(declaredByLoaded.skipped[0]!.problems[0]).toMatchObject({
      code: ProblemCode.Conflict,
      extension: 'automod',
      message:
        'Because the loaded moderation@2.0.0 conflicts with automod (any version), automod cannot load.',
      hint: 'Unload moderation before loading automod, or remove "automod" from the conflicts of moderation if they can run together.',
    });
  });

  test('an extension that will not load anyway causes no conflict', () => {
    const plan = resolve([
      { name: 'automod', version: '1.0.0', conflicts: { moderation: '*' } },
      { name: 'moderation', version: '2.0.0', dependencies: { database: '*' } },
    ]);
    expect(plan.order).toEqual(['automod']);
  });

  test('dependents of a refused side cascade, naming the conflict', () => {
    const plan = resolve([
      { name: 'moderation', version: '2.0.0' },
      { name: 'automod', version: '1.0.0', conflicts: { moderation: '*' } },
      { name: 'antispam', version: '1.0.0', dependencies: { automod: '^1.0.0' } },
    ]);
    expect(plan.order).toEqual(['moderation']);
    expect(plan.skipped[0]!.problems[0]!.message).toBe(
      'Because automod@1.0.0 conflicts with moderation (any version) and moderation@2.0.0 is present, automod cannot load. And because antispam needs automod, antispam cannot load.',
    );
  });

  test('with conflict enforcement off both load, with a warning', () => {
    const plan = resolve(
      [
        { name: 'moderation', version: '2.0.0' },
        { name: 'automod', version: '1.0.0', conflicts: { moderation: '*' } },
      ],
      { enforceConflicts: false },
    );
    expect(plan.order).toEqual(['automod', 'moderation']);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toMatchObject({ code: ProblemCode.Conflict, severity: 'warning' });
    expect(plan.problems[0]!.message).toMatch(
      /automod would not load, but loads anyway because conflict enforcement is off\.$/,
    );
  });
});
