/**
 * The level curve: going from level `n` to `n + 1` takes `5n² + 50n + 100` XP (100, 155, 220,
 * 295…), the curve popularised by MEE6, so levels come quickly at first and slow down.
 */
export function xpToNextLevel(level: number): number {
  return 5 * level * level + 50 * level + 100;
}

/** Total XP at which `level` starts (0 for level 0). */
export function totalXpForLevel(level: number): number {
  let total = 0;
  for (let n = 0; n < level; n++) total += xpToNextLevel(n);
  return total;
}

/** The level reached with `xp` total XP. */
export function levelForXp(xp: number): number {
  let level = 0;
  let needed = xpToNextLevel(0);
  let rest = xp;
  while (rest >= needed) {
    rest -= needed;
    level += 1;
    needed = xpToNextLevel(level);
  }
  return level;
}
