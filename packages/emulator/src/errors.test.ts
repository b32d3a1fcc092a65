import { describe, expect, it } from 'vitest';
import { EmulatorError, emulatorErrorCatalogue } from './errors.js';

describe('emulatorErrorCatalogue', () => {
  it('gives every ZRX_EMULATOR_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(emulatorErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_EMULATOR_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of an EmulatorError thrown without one, in the message too', () => {
    const error = new EmulatorError(
      'ZRX_EMULATOR_WAIT_TIMEOUT',
      'waitFor stayed falsy for 5000 ms',
    );
    const { hint } = emulatorErrorCatalogue.ZRX_EMULATOR_WAIT_TIMEOUT;
    expect([error.hint, error.message]).toEqual([
      hint,
      `waitFor stayed falsy for 5000 ms\nHint: ${hint}`,
    ]);
    expect(new EmulatorError('ZRX_EMULATOR_UNKNOWN_ENTITY', 'no #x', 'Create #x.').hint).toBe(
      'Create #x.',
    );
  });
});
