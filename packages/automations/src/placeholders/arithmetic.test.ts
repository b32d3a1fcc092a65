import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateMath, parseMath } from './arithmetic.js';

function calc(source: string, names: Record<string, number> = {}) {
  const parsed = parseMath(source);
  if (!parsed.ok) return parsed;
  return evaluateMath(parsed.node, (name) =>
    Object.hasOwn(names, name) ? names[name] : undefined,
  );
}

describe('parseMath / evaluateMath', () => {
  it('follows precedence, parentheses and unary minus, rounding to 4 decimals', () => {
    expect(calc('1 + 2 * 3')).toEqual({ ok: true, value: 7 });
    expect(calc('(1 + 2) * 3')).toEqual({ ok: true, value: 9 });
    expect(calc('-(2 - 5) % 2')).toEqual({ ok: true, value: 1 });
    expect(calc('10 / 3')).toEqual({ ok: true, value: 3.3333 });
    expect(calc('level * 100 + 5', { level: 3 })).toEqual({ ok: true, value: 305 });
  });

  it('refuses what is not arithmetic, with a reason', () => {
    expect(calc('1 / 0')).toEqual({ ok: false, message: 'division by zero' });
    expect(calc('process.exit()')).toMatchObject({ ok: false });
    expect(calc('constructor')).toEqual({ ok: false, message: 'unknown name "constructor"' });
    expect(calc('2 ** 3')).toMatchObject({ ok: false });
    expect(calc('(1')).toEqual({ ok: false, message: 'missing ")"' });
    expect(calc(`${'-'.repeat(40)}1`)).toEqual({ ok: false, message: 'nested deeper than 32' });
  });

  it('never throws, and refuses every character outside the grammar (fuzzed)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 250 }), (source) => {
        const parsed = parseMath(source);
        if (/[^0-9a-z_ \t.+\-*/%()]/i.test(source)) expect(parsed.ok).toBe(false);
        if (parsed.ok) {
          const value = evaluateMath(parsed.node, (name) => (name === 'x' ? 2 : undefined));
          if (value.ok) expect(Number.isFinite(value.value)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with ordinary arithmetic on generated expressions (fuzzed)', () => {
    const leaf = fc
      .integer({ min: -50, max: 50 })
      .map((n) => ({ text: n < 0 ? `(${n})` : String(n), value: n }));
    const expr = fc.letrec<{ e: { text: string; value: number } }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => ({
          text: `(${a.text} ${op} ${b.text})`,
          value:
            op === '+' ? a.value + b.value : op === '-' ? a.value - b.value : a.value * b.value,
        })),
      ),
    })).e;
    fc.assert(
      fc.property(expr, ({ text, value }) => {
        const result = calc(text);
        if (Number.isFinite(value) && Math.abs(value) < 1e12)
          expect(result).toEqual({ ok: true, value: Math.round(value * 10_000) / 10_000 || 0 });
      }),
      { numRuns: 500 },
    );
  });
});
