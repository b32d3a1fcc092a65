import { describe, expect, it } from 'vitest';
import { assertTextLength, TEXT_LIMITS } from './text-limits.js';

describe('text limits', () => {
  it('accepts absent values and values up to the limit', () => {
    expect(() => assertTextLength('note', undefined)).not.toThrow();
    expect(() => assertTextLength('note', 'n'.repeat(TEXT_LIMITS.note))).not.toThrow();
    expect(() => assertTextLength('label', '')).not.toThrow();
  });

  it('refuses a longer value with ZRX_BACKUP_INPUT naming the field, limit and length', () => {
    expect(() => assertTextLength('label', 'l'.repeat(101))).toThrow(
      expect.objectContaining({
        code: 'ZRX_BACKUP_INPUT',
        message: expect.stringContaining('A label has at most 100 characters (got 101).'),
      }),
    );
    expect(() => assertTextLength('note', 'n'.repeat(501))).toThrow(/at most 500 characters/);
  });
});
