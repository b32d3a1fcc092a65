import { describe, expect, it } from 'vitest';
import { StoreError, storeErrorCatalogue } from './errors.js';

describe('storeErrorCatalogue', () => {
  it('gives every ZRX_STORE_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(storeErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_STORE_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of a StoreError thrown without one; a specific hint wins', () => {
    const cause = Object.assign(new Error('denied'), { code: 'EACCES' });
    const plain = new StoreError('ZRX_STORE_CLOSED', 'closed', { file: 'a.json', cause });
    expect([plain.hint, plain.file, plain.osCode, plain.cause]).toEqual([
      storeErrorCatalogue.ZRX_STORE_CLOSED.hint,
      'a.json',
      'EACCES',
      cause,
    ]);
    const specific = new StoreError('ZRX_STORE_PATH', 'bad path', 'Drop the "..".', { file: 'x' });
    expect([specific.hint, specific.file]).toEqual(['Drop the "..".', 'x']);
    expect(new StoreError('ZRX_STORE_READ', 'r', undefined).hint).toBe(
      storeErrorCatalogue.ZRX_STORE_READ.hint,
    );
  });
});
