import { describe, expect, test } from 'vitest';
import { describeValue, EXTENSION_NAME_PATTERN, normalizeExtensionName } from './extension-name';

describe('normalizeExtensionName', () => {
  test('keeps a valid name as it is', () => {
    expect(normalizeExtensionName('auto_mod-2')).toEqual({
      ok: true,
      name: 'auto_mod-2',
      changed: false,
    });
  });

  test('trims and turns each run of whitespace into one dash', () => {
    expect(normalizeExtensionName('  leveling \t system ')).toEqual({
      ok: true,
      name: 'leveling-system',
      changed: true,
    });
  });

  test('refuses capitals and suggests the lowercase name', () => {
    const result = normalizeExtensionName('Music');
    expect(result).toMatchObject({ ok: false, suggestion: 'music' });
    expect(result.ok === false && result.reason).toContain('"M"');
  });

  test('refuses other characters, naming them', () => {
    const result = normalizeExtensionName('a/b.c');
    expect(result).toMatchObject({ ok: false, suggestion: 'a-b-c' });
    expect(result.ok === false && result.reason).toContain('"/."');
  });

  test('refuses empty and non-string names', () => {
    expect(normalizeExtensionName('   ')).toEqual({ ok: false, reason: 'must not be empty' });
    expect(normalizeExtensionName(42)).toEqual({
      ok: false,
      reason: 'must be a string, got a number (42)',
    });
    expect(normalizeExtensionName(undefined)).toMatchObject({ ok: false });
  });

  test('the pattern is the DESIGN §2 alphabet', () => {
    expect(EXTENSION_NAME_PATTERN.test('a-z_0-9')).toBe(true);
    expect(EXTENSION_NAME_PATTERN.test('é')).toBe(false);
  });
});

describe('describeValue', () => {
  test.each([
    [null, 'null'],
    [[1], 'an array'],
    ['x', 'the string "x"'],
    [true, 'a boolean (true)'],
    [undefined, 'nothing (undefined)'],
    [{}, 'a object'],
  ])('%j → %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});
