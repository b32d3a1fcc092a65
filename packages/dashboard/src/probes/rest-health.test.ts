import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type ResponseLike, RestHealth } from './rest-health.js';

/**
 * The REST manager's surface (@discordjs/rest's REST is an EventEmitter whose `options.makeRequest`
 * it calls for every attempt): each call answers the next queued response or throws the next error.
 */
function restLike() {
  const next: (ResponseLike | Error)[] = [];
  const makeRequest = async (_url: string, _init: unknown): Promise<ResponseLike> => {
    const item = next.shift() ?? answer(200);
    if (item instanceof Error) throw item;
    return item;
  };
  const rest = Object.assign(new EventEmitter(), {
    globalRemaining: 50,
    globalReset: -1,
    options: { makeRequest },
  });
  /** One request as the REST manager makes it: through whatever `makeRequest` is now. */
  const request = (item: ResponseLike | Error) => {
    next.push(item);
    return rest.options.makeRequest('https://discord.test/api', {}).catch(() => undefined);
  };
  return { rest, request, original: makeRequest };
}

const answer = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

/** A refused connection as fetch reports it: a TypeError whose cause carries the code. */
const refused = () =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });

describe('RestHealth', () => {
  it('warns from the invalid-request threshold and fails near the 10,000 ban, per 10-minute window', () => {
    const { rest } = restLike();
    const health = new RestHealth(rest, { warnInvalidRequests: 3, failInvalidRequests: 5 });
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

  it('sees every answer and every network failure through makeRequest, the answer untouched', async () => {
    const { rest, request } = restLike();
    const health = new RestHealth(rest, { failAfterConsecutiveFailures: 3 });
    const sent = answer(204);
    rest.options.makeRequest = ((wrapped) => async (url: string, init: unknown) => {
      const got = await wrapped(url, init);
      // The caller gets the very answer, not a copy.
      expect(got).toBe(sent);
      return got;
    })(rest.options.makeRequest);
    await request(sent);
    await request(answer(502));
    await request(refused());
    expect(health.check().status).toBe('warn');
    await request(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
    const failing = health.check();
    expect(failing.status).toBe('fail');
    expect(failing.detail).toContain('3 consecutive 5xx/network failures');
    expect(failing.detail).toMatch(/last network failure \S+ \(AbortError\)/);
    expect(failing.detail).toContain('last 5xx');
    await request(answer(200));
    expect(health.check().detail).toContain('0 consecutive 5xx/network failures');
    // A refused connection is named by its code.
    await request(refused());
    expect(health.check().detail).toContain('(ECONNREFUSED)');
  });

  it('warns while globally rate limited (header or event); on close gives makeRequest back', async () => {
    const { rest, request, original } = restLike();
    const health = new RestHealth(rest);
    expect(rest.options.makeRequest).not.toBe(original);
    const now = Date.now();
    health.record(answer(429, { 'x-ratelimit-global': 'true', 'retry-after': '2' }), now);
    expect(health.check(now + 1_000).detail).toContain('global rate limit');
    expect(health.check(now + 3_000).status).toBe('pass');
    rest.emit('rateLimited', { global: true, retryAfter: 60_000 });
    expect(health.check().status).toBe('warn');
    health.close();
    expect(rest.options.makeRequest).toBe(original);
    expect(rest.listenerCount('rateLimited')).toBe(0);
    await request(answer(500));
    expect(health.check().detail).toContain('0 consecutive 5xx/network failures');
  });

  it('leaves a later wrapper in place on close and stops counting', async () => {
    const { rest, request } = restLike();
    const health = new RestHealth(rest);
    const ours = rest.options.makeRequest;
    const theirs: typeof ours = (url, init) => ours(url, init);
    rest.options.makeRequest = theirs;
    health.close();
    expect(rest.options.makeRequest).toBe(theirs);
    await request(answer(500));
    await request(refused());
    expect(health.check().detail).toContain('0 consecutive 5xx/network failures');
  });
});
