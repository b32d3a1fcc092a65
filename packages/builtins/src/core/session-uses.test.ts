import { describe, expect, it } from 'vitest';
import { SessionUses } from './session-uses.js';

describe('SessionUses', () => {
  it('counts per command, most used first, and totals them', () => {
    const uses = new SessionUses();
    for (const name of ['help', 'stats', 'help', 'about', 'help', 'stats']) uses.count(name);
    expect(uses.get('help')).toBe(3);
    expect(uses.get('never')).toBe(0);
    expect(uses.total()).toBe(6);
    expect(uses.entries()).toEqual([
      ['help', 3],
      ['stats', 2],
      ['about', 1],
    ]);
  });

  it('is per instance: two loads of core (or two bots) never share counts', () => {
    const first = new SessionUses();
    const second = new SessionUses();
    first.count('help');
    first.count('help');
    second.count('stats');
    expect(first.entries()).toEqual([['help', 2]]);
    expect(second.entries()).toEqual([['stats', 1]]);
  });
});
