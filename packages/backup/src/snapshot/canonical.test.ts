import { describe, expect, it } from 'vitest';
import { canonicalJson, checksumOf } from './canonical.js';

describe('canonicalJson', () => {
  it('sorts keys recursively and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same full SHA-256 for the same content in any key order', () => {
    const one = checksumOf({ x: 'é', y: [1, 2] });
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(checksumOf({ y: [1, 2], x: 'é' })).toBe(one);
    expect(checksumOf({ y: [2, 1], x: 'é' })).not.toBe(one);
  });
});
