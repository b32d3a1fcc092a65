import { describe, expect, it } from 'vitest';
import { AssistantError, assistantErrorCatalogue, isAssistantError } from './errors.js';

describe('assistantErrorCatalogue', () => {
  it('gives every ZRX_ASSISTANT_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(assistantErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_ASSISTANT_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('takes the catalogue hint unless one is given, and is recognised by shape', () => {
    const error = new AssistantError('ZRX_ASSISTANT_PROVIDER_DOWN', 'no server');
    expect(error.hint).toBe(assistantErrorCatalogue.ZRX_ASSISTANT_PROVIDER_DOWN.hint);
    expect(new AssistantError('ZRX_ASSISTANT_CONFIG', 'x', { hint: 'Fix x.' }).hint).toBe('Fix x.');
    expect(isAssistantError(error)).toBe(true);
    expect(isAssistantError(Object.assign(new Error('other'), { code: 'ZRX_OTHER' }))).toBe(false);
  });
});
