import { describe, expect, it } from 'vitest';
import { hintOf, LoaderError, loaderErrorCatalogue, zoryxCauseCode } from './errors.js';

const coded = (code: string, cause?: unknown) =>
  Object.assign(new Error(code, cause === undefined ? undefined : { cause }), { code });

describe('zoryxCauseCode', () => {
  it('finds the deepest ZRX_ code below a LoaderError, not its own', () => {
    const root = coded('ZRX_PIECE_CONFLICT');
    const setup = new LoaderError('ZRX_EXT_SETUP_FAILED', 'm', 'h', { cause: root });
    const reload = new LoaderError('ZRX_EXT_RELOAD_FAILED', 'm', 'h', { cause: setup });
    expect(zoryxCauseCode(reload)).toBe('ZRX_PIECE_CONFLICT');
    expect(zoryxCauseCode(new LoaderError('ZRX_EXT_COMPILE', 'm', 'h'))).toBeUndefined();
  });

  it("counts a foreign error's own code, skips non-ZRX codes and survives cycles", () => {
    expect(zoryxCauseCode(coded('ZRX_HOOK_DUPLICATE_ID'))).toBe('ZRX_HOOK_DUPLICATE_ID');
    expect(zoryxCauseCode(coded('ZRX_X', coded('ENOENT')))).toBe('ZRX_X');
    const a = coded('ZRX_A');
    const b = coded('ZRX_B', a);
    (a as { cause?: unknown }).cause = b;
    expect(['ZRX_A', 'ZRX_B']).toContain(zoryxCauseCode(a));
    expect(zoryxCauseCode('a string')).toBeUndefined();
  });
});

describe('hintOf', () => {
  it('returns a non-empty string hint only', () => {
    expect(hintOf(Object.assign(new Error('x'), { hint: 'do y' }))).toBe('do y');
    expect(hintOf(Object.assign(new Error('x'), { hint: '' }))).toBeUndefined();
    expect(hintOf(new Error('x'))).toBeUndefined();
  });
});

describe('loaderErrorCatalogue', () => {
  it('gives every ZRX_EXT_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(loaderErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_EXT_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of a LoaderError thrown without one; a specific hint wins', () => {
    const plain = new LoaderError('ZRX_EXT_HOST_CLOSED', 'host closed', { extension: 'economy' });
    expect([plain.hint, plain.extension]).toEqual([
      loaderErrorCatalogue.ZRX_EXT_HOST_CLOSED.hint,
      'economy',
    ]);
    expect(new LoaderError('ZRX_EXT_NOT_FOUND', 'no "x"', 'Did you mean "y"?').hint).toBe(
      'Did you mean "y"?',
    );
  });
});
