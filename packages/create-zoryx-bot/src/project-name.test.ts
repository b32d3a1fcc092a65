import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { nameProblems, resolveTarget, suggestName } from './project-name';

describe('resolveTarget', () => {
  test('the base name of the resolved directory is the package name', () => {
    expect(resolveTarget('/tmp/work', 'bots/my-bot')).toEqual({
      dir: join('/tmp/work', 'bots/my-bot'),
      name: 'my-bot',
    });
    expect(resolveTarget('/tmp/work/here', '.')).toEqual({ dir: '/tmp/work/here', name: 'here' });
  });

  test('names npm refuses for new packages are refused with the reasons', () => {
    expect(() => resolveTarget('/tmp', 'Upper')).toThrow(
      /name can no longer contain capital letters/,
    );
    expect(() => resolveTarget('/tmp', '.hidden')).toThrow(/cannot start with a period/);
    expect(nameProblems('fine-name')).toEqual([]);
    expect(nameProblems('a'.repeat(215)).length).toBeGreaterThan(0);
  });
});

test.each([
  ['My Cool Bot', 'my-cool-bot'],
  ['__x__', 'x__'],
  ['!!!', 'my-zoryx-bot'],
  ['ok.name', 'ok.name'],
])('suggestName(%j) → %j', (name, suggestion) => {
  expect(suggestName(name)).toBe(suggestion);
  expect(nameProblems(suggestion)).toEqual([]);
});
