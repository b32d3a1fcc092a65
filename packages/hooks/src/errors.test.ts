import { describe, expect, it } from 'vitest';
import { HookError, hookErrorCatalogue } from './errors.js';

describe('hookErrorCatalogue', () => {
  it('gives every ZRX_HOOK_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(hookErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_HOOK_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of a HookError thrown without one; a specific hint wins', () => {
    const plain = new HookError('ZRX_HOOK_BUS_CLOSED', 'emitAndWait("x") after close()', {
      argument: 'event',
    });
    expect([plain.hint, plain.argument]).toEqual([
      hookErrorCatalogue.ZRX_HOOK_BUS_CLOSED.hint,
      'event',
    ]);
    const specific = new HookError('ZRX_HOOK_UNKNOWN_ID', 'no hook "a"', 'Did you mean "b"?', {
      argument: 'id',
    });
    expect([specific.hint, specific.argument]).toEqual(['Did you mean "b"?', 'id']);
  });
});
