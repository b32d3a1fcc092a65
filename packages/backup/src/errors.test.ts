import { describe, expect, it } from 'vitest';
import { BackupError, backupErrorCatalogue } from './errors.js';

describe('backupErrorCatalogue', () => {
  it('gives every ZRX_BACKUP_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(backupErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_BACKUP_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('takes the catalogue hint unless given one', () => {
    const error = new BackupError('ZRX_BACKUP_PINNED', 'backup abc is pinned');
    expect([error.code, error.hint, error.message]).toEqual([
      'ZRX_BACKUP_PINNED',
      backupErrorCatalogue.ZRX_BACKUP_PINNED.hint,
      'backup abc is pinned',
    ]);
    expect(new BackupError('ZRX_BACKUP_INPUT', 'x', { hint: 'y' }).hint).toBe('y');
  });
});
