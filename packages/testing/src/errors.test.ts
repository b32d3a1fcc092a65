import { describe, expect, it } from 'vitest';
import { TestingError, testingErrorCatalogue } from './errors.js';

describe('testingErrorCatalogue', () => {
  it('gives every ZRX_TESTING_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(testingErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_TESTING_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of a TestingError thrown without one, in the message too', () => {
    const cause = new Error('boom');
    const error = new TestingError('ZRX_TESTING_CLOSED', 'bot used after close()', { cause });
    const { hint } = testingErrorCatalogue.ZRX_TESTING_CLOSED;
    expect([error.hint, error.message, error.cause]).toEqual([
      hint,
      `bot used after close()\nHint: ${hint}`,
      cause,
    ]);
    expect(new TestingError('ZRX_TESTING_DIR', 'no /x', 'Create /x.').hint).toBe('Create /x.');
  });
});
