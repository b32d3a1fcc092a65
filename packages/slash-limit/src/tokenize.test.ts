import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.js';

const values = (text: string, names: string[] = []) =>
  tokenize(text, new Set(names)).map((t) => t.value);

describe('tokenize', () => {
  it('splits on any whitespace and groups quoted words', () => {
    expect(values(' a\tb\n"c d"  \'e f\' “g h” ‘i j’ ')).toEqual([
      'a',
      'b',
      'c d',
      'e f',
      'g h',
      'i j',
    ]);
  });

  it('keeps apostrophes and mid-word quotes literal, and reads an unclosed quote literally', () => {
    expect(values(`don't say "hi"there "open`)).toEqual(["don't", 'say', '"hi"there', '"open']);
  });

  it('unescapes \\" and \\\\ inside double quotes', () => {
    expect(values('"say \\"hi\\" \\\\ ok"')).toEqual(['say "hi" \\ ok']);
  });

  it('recognises name:value only for known option names, case-insensitively', () => {
    const tokens = tokenize('Reason:"two words" https://x.y days:3', new Set(['reason', 'days']));
    expect(tokens.map((t) => [t.name, t.value])).toEqual([
      ['Reason', 'two words'],
      [undefined, 'https://x.y'],
      ['days', '3'],
    ]);
  });

  it('records offsets of the whole argument', () => {
    const [first, second] = tokenize('ab  "c d"', new Set());
    expect([first?.start, first?.end, second?.start, second?.end]).toEqual([0, 2, 4, 9]);
  });
});
