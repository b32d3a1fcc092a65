import { describe, expect, it } from 'vitest';
import { disabledRows } from './interactive-view.js';
import {
  clampPage,
  PAGE_NEXT_ID,
  PAGE_PREV_ID,
  pageButtons,
  paginate,
  turnPage,
} from './pagination.js';

describe('pagination helpers', () => {
  it('splits items into pages and always yields at least one page', () => {
    expect(paginate([1, 2, 3, 4, 5, 6, 7], 5)).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7],
    ]);
    expect(paginate([], 5)).toEqual([[]]);
    expect(paginate([1, 2], 0)).toEqual([[1], [2]]);
  });

  it('turns pages within bounds and ignores other ids', () => {
    expect(turnPage(PAGE_NEXT_ID, 0, 3)).toBe(1);
    expect(turnPage(PAGE_NEXT_ID, 2, 3)).toBe(2);
    expect(turnPage(PAGE_PREV_ID, 0, 3)).toBe(0);
    expect(turnPage(PAGE_PREV_ID, 2, 3)).toBe(1);
    expect(turnPage('zoryx:other', 1, 3)).toBeUndefined();
    expect(clampPage(9, 3)).toBe(2);
    expect(clampPage(-1, 3)).toBe(0);
  });

  it('shows x/y and disables Prev on the first and Next on the last page', () => {
    const first = pageButtons(0, 3).toJSON().components as { disabled?: boolean; label?: string }[];
    expect(first.map((c) => [c.label, c.disabled])).toEqual([
      ['◀ Prev', true],
      ['1/3', true],
      ['Next ▶', false],
    ]);
    const last = pageButtons(2, 3).toJSON().components as { disabled?: boolean }[];
    expect(last.map((c) => c.disabled)).toEqual([false, true, true]);
  });

  it('disables every component of a timed-out view', () => {
    const rows = disabledRows([pageButtons(1, 3)]);
    expect(rows[0]?.components.every((c) => (c as { disabled?: boolean }).disabled === true)).toBe(
      true,
    );
  });
});
