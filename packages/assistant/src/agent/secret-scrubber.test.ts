import { afterEach, describe, expect, it } from 'vitest';
import { SecretScrubber } from './secret-scrubber.js';

describe('SecretScrubber', () => {
  afterEach(() => {
    delete process.env.PROBE_SERVICE_PASSWORD;
  });

  it('redacts given secrets, secret-named env values and token shapes, raw or JSON-escaped', () => {
    process.env.PROBE_SERVICE_PASSWORD = 'hunter2-but-longer';
    const scrubber = new SecretScrubber(() => ['my"quoted"secret', null, 'short']);
    const body = JSON.stringify({
      a: 'x my"quoted"secret y',
      b: 'pw hunter2-but-longer',
      c: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123',
      d: 'key sk-abcdefghijklmnopqrstuv',
      e: 'a short word stays',
      f: 'db at postgres://zoryx:s3cr3t-pw@127.0.0.1:5432/bot',
    });
    const out = scrubber.scrub(body);
    expect(out).not.toContain('quoted');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('GaBcDe');
    expect(out).not.toContain('sk-abc');
    expect(out).toContain('a short word stays');
    expect(JSON.parse(out).f).toBe('db at postgres://zoryx:[redacted]@127.0.0.1:5432/bot');
    expect(JSON.parse(out).a).toBe('x [redacted] y');
  });
});
