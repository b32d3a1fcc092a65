import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SnowflakeGenerator } from './snowflake.js';

describe('SnowflakeGenerator', () => {
  it('produces strictly increasing, unique ids for any burst size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (count) => {
        const ids = new SnowflakeGenerator();
        let previous = 0n;
        for (let i = 0; i < count; i += 1) {
          const id = BigInt(ids.next());
          if (id <= previous) return false;
          previous = id;
        }
        return true;
      }),
      { numRuns: 20 },
    );
  });

  it('encodes the creation time as Discord does (ms since 2015)', () => {
    const id = BigInt(new SnowflakeGenerator().next());
    const created = Number(id >> 22n) + 1_420_070_400_000;
    expect(Math.abs(created - Date.now())).toBeLessThan(60_000);
  });
});
