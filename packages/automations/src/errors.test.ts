import { describe, expect, it } from 'vitest';
import { AutomationError, automationsErrorCatalogue, isAutomationError } from './errors.js';

describe('automationsErrorCatalogue', () => {
  it('gives every ZRX_AUTOMATION_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(automationsErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_AUTOMATION_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('carries the rule id, the budget and the field errors', () => {
    const error = new AutomationError('ZRX_AUTOMATION_BUDGET', 'stopped', {
      ruleId: 'r1',
      budget: 'depth',
    });
    expect([error.code, error.ruleId, error.budget, error.hint]).toEqual([
      'ZRX_AUTOMATION_BUDGET',
      'r1',
      'depth',
      automationsErrorCatalogue.ZRX_AUTOMATION_BUDGET.hint,
    ]);
    expect(isAutomationError(error)).toBe(true);
    expect(isAutomationError(new Error('x'))).toBe(false);
  });
});
