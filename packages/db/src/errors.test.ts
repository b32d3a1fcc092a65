import { describe, expect, it } from 'vitest';
import { DbError, dbErrorCatalogue, isDbError } from './errors.js';

describe('dbErrorCatalogue', () => {
  it('gives every ZRX_DB_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(dbErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_DB_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of a DbError thrown without one, in the message too', () => {
    const cause = new Error('SQLITE_CANTOPEN');
    const error = new DbError('ZRX_DB_OPEN', 'cannot open data/main.db', { cause });
    const { hint } = dbErrorCatalogue.ZRX_DB_OPEN;
    expect([error.hint, error.message, error.cause]).toEqual([
      hint,
      `cannot open data/main.db\nHint: ${hint}`,
      cause,
    ]);
    expect(isDbError(error, 'ZRX_DB_OPEN')).toBe(true);
  });

  it('keeps a specific hint', () => {
    const error = new DbError('ZRX_DB_INPUT', 'dir is missing', 'Pass { dir }.', { cause: 1 });
    expect([error.hint, error.message, error.cause]).toEqual([
      'Pass { dir }.',
      'dir is missing\nHint: Pass { dir }.',
      1,
    ]);
  });
});
