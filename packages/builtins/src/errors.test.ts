import { describe, expect, it } from 'vitest';
import { BuiltinsError, builtinsErrorCatalogue } from './errors.js';

describe('builtinsErrorCatalogue', () => {
  it('gives every code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(builtinsErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of a BuiltinsError thrown without one', () => {
    const error = new BuiltinsError('ZRX_INTEGRITY_CHECK_FAILED', 'the probe hook did not run');
    expect([error.name, error.hint]).toEqual([
      'BuiltinsError',
      builtinsErrorCatalogue.ZRX_INTEGRITY_CHECK_FAILED.hint,
    ]);
  });
});
