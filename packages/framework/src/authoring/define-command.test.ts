import { describe, expect, it } from 'vitest';
import { usageOf } from './define-command.js';

describe('usageOf', () => {
  it('lists required options first, choices joined by |', () => {
    expect(
      usageOf('config', {
        role: { kind: 'string', description: 'r' },
        command: { kind: 'string', description: 'c', required: true },
      }),
    ).toBe('config <command> [role]');
    expect(
      usageOf('mentionprefix', {
        action: {
          kind: 'string',
          description: 'a',
          required: true,
          choices: ['enable', 'disable'],
        },
      }),
    ).toBe('mentionprefix <enable|disable>');
    expect(usageOf('about')).toBe('about');
  });
});
