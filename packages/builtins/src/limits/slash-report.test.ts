import { planCommands } from '@zoryx/slash-limit';
import { describe, expect, it } from 'vitest';
import { routesByKind, slashLimitFields, usageBar } from './slash-report.js';

const command = (name: string, category?: string) => ({
  name,
  description: `${name} command`,
  ...(category ? { category } : {}),
});

describe('usageBar', () => {
  it('fills cells in proportion and caps at full', () => {
    expect(usageBar(0, 100)).toBe(`${'░'.repeat(20)} 0/100 (0 %)`);
    expect(usageBar(50, 100)).toBe(`${'█'.repeat(10)}${'░'.repeat(10)} 50/100 (50 %)`);
    expect(usageBar(120, 100)).toBe(`${'█'.repeat(20)} 120/100 (100 %)`);
  });
});

describe('slash limit report', () => {
  it('lists folded and prefix-only commands of a real plan with their reasons', () => {
    const specs = Array.from({ length: 8 }, (_, i) => command(`cmd${i}`, 'tools'));
    const folded = planCommands(specs, { maxTopLevel: 10, warningThreshold: 3, safeLimit: 4 });
    const kinds = routesByKind(folded);
    expect(kinds.folded.length).toBeGreaterThan(0);
    expect(kinds.folded[0]).toMatch(/^`cmd\d` → `\/tools cmd\d`$/);
    const fields = slashLimitFields(folded, { maxTopLevel: 10, warningThreshold: 3, safeLimit: 4 });
    expect(fields.find((f) => f.name.startsWith('Folded'))?.name).toBe(
      `Folded (${kinds.folded.length})`,
    );
    expect(fields.find((f) => f.name === 'Level')?.value).toContain('warning');

    const noFold = planCommands(specs, {
      maxTopLevel: 10,
      warningThreshold: 3,
      safeLimit: 4,
      fold: false,
    });
    const prefix = routesByKind(noFold).prefixOnly;
    expect(prefix).toHaveLength(4);
    expect(prefix[0]).toMatch(/^`cmd\d` — .+/);
    expect(
      slashLimitFields(noFold, { maxTopLevel: 10, warningThreshold: 3, safeLimit: 4 })[1]?.value,
    ).toBe('🔴 critical');
  });
});
