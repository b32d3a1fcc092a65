import { describe, expect, it } from 'vitest';
import { prefixProblem } from './prefix-settings.js';

describe('prefixProblem', () => {
  it('accepts 1–5 visible characters and explains every refusal', () => {
    expect(prefixProblem('!')).toBeUndefined();
    expect(prefixProblem('?!$%&')).toBeUndefined();
    expect(prefixProblem('🦊')).toBeUndefined();
    expect(prefixProblem('')).toBe('The prefix cannot be empty.');
    expect(prefixProblem('abcdef')).toBe('The prefix can be at most 5 characters long.');
    expect(prefixProblem('a b')).toBe('The prefix cannot contain spaces.');
    expect(prefixProblem('<@')).toContain('cannot contain');
  });
});
