import { describe, expect, it } from 'vitest';
import { CreateError } from './create-error';
import { createErrorCatalogue } from './errors';

describe('createErrorCatalogue', () => {
  it('gives every ZRX_CREATE_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(createErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_CREATE_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of a CreateError thrown without one; a specific hint wins', () => {
    const cause = new Error('EACCES');
    const error = new CreateError('ZRX_CREATE_WRITE_FAILED', 'cannot write my-bot/', { cause });
    expect([error.hint, error.cause]).toEqual([
      createErrorCatalogue.ZRX_CREATE_WRITE_FAILED.hint,
      cause,
    ]);
    expect(new CreateError('ZRX_CREATE_INVALID_NAME', 'My Bot', 'Use my-bot.').hint).toBe(
      'Use my-bot.',
    );
  });
});
