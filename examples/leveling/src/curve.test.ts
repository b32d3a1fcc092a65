import { describe, expect, it } from 'vitest';
import { levelForXp, totalXpForLevel, xpToNextLevel } from './curve.js';

describe('the level curve', () => {
  it('takes 5n² + 50n + 100 XP from level n to n + 1', () => {
    expect([0, 1, 2, 3].map(xpToNextLevel)).toEqual([100, 155, 220, 295]);
  });

  it('gives the XP at which each level starts', () => {
    expect([0, 1, 2, 3].map(totalXpForLevel)).toEqual([0, 100, 255, 475]);
  });

  it('finds the level of a total, exactly at the thresholds too', () => {
    expect([0, 99, 100, 254, 255, 474, 475].map(levelForXp)).toEqual([0, 0, 1, 1, 2, 2, 3]);
    for (let level = 0; level < 50; level++) {
      expect(levelForXp(totalXpForLevel(level))).toBe(level);
    }
  });
});
