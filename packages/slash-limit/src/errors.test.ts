import { describe, expect, it } from 'vitest';
import { SlashLimitError, slashLimitErrorCatalogue, UsageError } from './errors.js';

describe('slashLimitErrorCatalogue', () => {
  it('gives every ZRX_SLASH_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(slashLimitErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_SLASH_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of an error thrown without one; UsageError hints its usage line', () => {
    expect(new SlashLimitError('ZRX_SLASH_OPTIONS', 'maxTopLevel is 0').hint).toBe(
      slashLimitErrorCatalogue.ZRX_SLASH_OPTIONS.hint,
    );
    const usage = new UsageError('missing <user>', { usage: 'ban <user>', argument: 'user' });
    expect([usage.code, usage.hint]).toEqual(['ZRX_SLASH_USAGE', 'Usage: ban <user>']);
  });
});
