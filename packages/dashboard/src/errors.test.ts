import { describe, expect, it } from 'vitest';
import { DashboardError, dashboardErrorCatalogue } from './errors.js';

describe('dashboardErrorCatalogue', () => {
  it('gives every ZRX_DASHBOARD_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(dashboardErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_DASHBOARD_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of an error thrown without one, in the message too', () => {
    const error = new DashboardError('ZRX_DASHBOARD_LISTEN', 'port 1 is taken');
    const { hint } = dashboardErrorCatalogue.ZRX_DASHBOARD_LISTEN;
    expect([error.hint, error.message]).toEqual([hint, `port 1 is taken\nHint: ${hint}`]);
    expect(new DashboardError('ZRX_DASHBOARD_OAUTH', 'x', 'Do y.').hint).toBe('Do y.');
  });
});
