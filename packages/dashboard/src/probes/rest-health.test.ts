import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { RestHealth } from './rest-health.js';

/** The REST manager's event surface (@discordjs/rest's REST is an EventEmitter too). */
function restLike() {
  return Object.assign(new EventEmitter(), { globalRemaining: 50, globalReset: -1 });
}

const answer = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

describe('RestHealth', () => {
  it('warns from the invalid-request threshold and fails near the 10,000 ban, per 10-minute window', () => {
    const health = new RestHealth(restLike(), { warnInvalidRequests: 3, failInvalidRequests: 5 });
    const t0 = 1_000_000;
    health.record(answer(401), t0);
    health.record(answer(403), t0);
    // A shared-scope 429 is not the bot's fault and is not counted by Discord.
    health.record(answer(429, { 'x-ratelimit-scope': 'shared' }), t0);
    expect(health.check(t0)).toMatchObject({ status: 'pass', critical: true });
    health.record(answer(429, { 'x-ratelimit-scope': 'user' }), t0);
    expect(health.check(t0).status).toBe('warn');
    health.record(answer(401), t0);
    health.record(answer(401), t0);
    expect(health.check(t0)).toMatchObject({ status: 'fail' });
    expect(health.check(t0).detail).toContain('5/10000 invalid requests');
    // The window is fixed: ten minutes after its first invalid request it starts again.
    expect(health.invalidRequests(t0 + 10 * 60_000)).toBe(0);
    expect(health.check(t0 + 10 * 60_000).status).toBe('pass');
  });

  it('warns while globally rate limited (header or event) and stops listening on close', () => {
    const rest = restLike();
    const health = new RestHealth(rest);
    const now = Date.now();
    health.record(answer(429, { 'x-ratelimit-global': 'true', 'retry-after': '2' }), now);
    expect(health.check(now + 1_000).detail).toContain('global rate limit');
    expect(health.check(now + 3_000).status).toBe('pass');
    rest.emit('rateLimited', { global: true, retryAfter: 60_000 });
    expect(health.check().status).toBe('warn');
    health.close();
    expect(rest.listenerCount('response') + rest.listenerCount('rateLimited')).toBe(0);
    rest.emit('response', {}, answer(500));
    expect(health.check().detail).toContain('0 consecutive 5xx');
  });
});
