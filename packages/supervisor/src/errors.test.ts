import { describe, expect, it } from 'vitest';
import { SupervisorError, supervisorErrorCatalogue } from './errors.js';

describe('supervisorErrorCatalogue', () => {
  it('gives every ZRX_SUPERVISOR_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(supervisorErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_SUPERVISOR_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of a SupervisorError thrown without one; a specific hint wins', () => {
    const cause = new Error('worker exited');
    const error = new SupervisorError('ZRX_SUPERVISOR_CLOSED', 'closed', { cause });
    expect([error.hint, error.cause]).toEqual([
      supervisorErrorCatalogue.ZRX_SUPERVISOR_CLOSED.hint,
      cause,
    ]);
    expect(
      new SupervisorError('ZRX_SUPERVISOR_OPTIONS_INVALID', 'no token', 'Pass token.').hint,
    ).toBe('Pass token.');
  });
});
