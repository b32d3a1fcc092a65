import { describe, expect, it } from 'vitest';
import { tokenSecret } from './interactions.js';

describe('tokenSecret', () => {
  it('gives 24 random bytes per token, none repeated across pool refills', () => {
    const secrets = Array.from({ length: 1000 }, () => tokenSecret());
    expect(new Set(secrets).size).toBe(secrets.length);
    for (const secret of secrets) expect(Buffer.from(secret, 'base64url')).toHaveLength(24);
  });
});
