import { describe, expect, it } from 'vitest';
import type { CheckResult } from './health.js';
import { answerProbe, headerOf, type ProbePortState, READY_BLOCKED_MS } from './probe-answers.js';

const checks: CheckResult[] = [
  { name: 'gateway', status: 'pass', critical: true, detail: 'ready, 40 ms heartbeat' },
  { name: 'event-loop', status: 'pass', critical: true, detail: 'p99 3.0 ms' },
];
const doc = {
  code: 200,
  body: Buffer.from(JSON.stringify({ status: 'pass', guilds: 3, checks: {} })),
  etag: '"abc"',
  buildMs: 1.5,
  builtAt: 0,
};
const state = (over: Partial<ProbePortState> = {}): ProbePortState => ({
  status: doc,
  checks,
  draining: false,
  heartbeatAgeMs: 10,
  blockedMs: 10_000,
  https: false,
  ...over,
});
const answer = (path: string, s: ProbePortState, search = '', etag?: string) =>
  answerProbe(path, search, etag, s, () => 0.01);
const text = (reply: ReturnType<typeof answer>) =>
  typeof reply?.body === 'string' ? reply.body : Buffer.from(reply?.body ?? []).toString();

describe('answerProbe (the probe port)', () => {
  it('answers livez ok while the loop turns and 503 once it has not for blockedMs', () => {
    expect([answer('/livez', state())?.code, text(answer('/livez', state()))]).toEqual([200, 'ok']);
    const stuck = answer('/livez', state({ heartbeatAgeMs: 12_345 }));
    expect([stuck?.code, text(stuck)]).toEqual([503, 'event loop blocked: no turn for 12345 ms']);
  });

  it('answers readyz from the handed-over checks; a stuck loop replaces the event-loop check', () => {
    expect(text(answer('/readyz', state()))).toBe('ok');
    const stuck = answer('/readyz', state({ heartbeatAgeMs: READY_BLOCKED_MS + 1 }), 'verbose');
    expect(stuck?.code).toBe(503);
    expect(text(stuck)).not.toContain('p99 3.0 ms');
    expect(text(stuck)).toContain('[-]event-loop failed: no turn for 2001 ms (blocked)');
    const starting = answer('/readyz', state({ checks: undefined }), 'verbose');
    expect([starting?.code, text(starting)]).toEqual([
      503,
      '[-]starting failed: no readiness from the bot yet\nreadyz check failed',
    ]);
    // Readiness never fails later than liveness.
    expect(answer('/readyz', state({ heartbeatAgeMs: 1_500, blockedMs: 1_000 }))?.code).toBe(503);
    const draining = answer('/readyz', state({ draining: true }), 'verbose&exclude=gateway');
    expect(draining?.code).toBe(503);
    expect(text(draining)).toContain('[-]shutdown failed: draining');
    expect(text(draining)).toContain('[+]gateway excluded: ok');
  });

  it('sends the status document as built (ETag, 304), marks it failed when the loop is stuck', () => {
    const fresh = answer('/status.json', state());
    const header = (name: string) => (fresh ? headerOf(fresh, name) : undefined);
    expect([fresh?.code, header('etag'), header('content-type')]).toEqual([
      200,
      '"abc"',
      'application/health+json',
    ]);
    expect(header('server-timing')).toBe('app;dur=0.01, build;dur=1.50');
    expect(header('content-length')).toBe(String(fresh?.body.length));
    expect(answer('/status.json', state(), '', '"abc"')?.code).toBe(304);
    const stuck = answer('/status.json', state({ heartbeatAgeMs: 5_000 }));
    const body = JSON.parse(text(stuck)) as { status: string; guilds: number; checks: object };
    expect([stuck?.code, body.status, body.guilds]).toEqual([503, 'fail', 3]);
    expect(body.checks).toHaveProperty('event-loop:status');
    const starting = answer('/status.json', state({ status: undefined }));
    expect([starting?.code, JSON.parse(text(starting)).status]).toEqual([503, 'fail']);
  });

  it('carries the security headers and knows no other path', () => {
    const reply = answer('/livez', state({ https: true }));
    expect(reply && headerOf(reply, 'x-frame-options')).toBe('DENY');
    expect(reply && headerOf(reply, 'strict-transport-security')).toContain('max-age=');
    expect(reply && headerOf(reply, 'content-length')).toBe('2');
    expect(answer('/api/status', state())).toBeUndefined();
  });
});
