import { describe, expect, it } from 'vitest';
import { LOGIN_LINK_TTL_MS, LoginLinks } from './login-links.js';

describe('LoginLinks', () => {
  it('logs in once, then never again', () => {
    const links = new LoginLinks();
    const token = links.create('111111111111111111');
    expect(links.peek(token)).toBe(true);
    expect(links.consume(token)).toBe('111111111111111111');
    expect(links.consume(token)).toBeNull();
    expect(links.peek(token)).toBe(false);
  });

  it('expires after five minutes', () => {
    let now = 1_000;
    const links = new LoginLinks(() => now);
    const token = links.create('111111111111111111');
    now += LOGIN_LINK_TTL_MS;
    expect(links.consume(token)).toBeNull();
  });

  it('does not know a token it did not make', () => {
    expect(new LoginLinks().consume('forged')).toBeNull();
  });
});
