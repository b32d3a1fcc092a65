import { describe, expect, it } from 'vitest';
import { isSensitiveKey, REDACTED, redactFields, redactValue } from './redact.js';
import { createSecretScrubber, redactTokenShapes } from './scrub-secrets.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('isSensitiveKey', () => {
  it.each([
    'token',
    'Token',
    'TOKEN',
    'DISCORD_TOKEN',
    'botToken',
    'access_token',
    'Authorization',
    'proxy-authorization',
    'password',
    'Password',
    'secret',
    'client_secret',
    'clientSecret',
    'api_key',
    'apiKey',
    'APIKEY',
    'x-api-key',
    'cookie',
    'Set-Cookie',
    'privateKey',
    'auth',
  ])('%s is a secret', (key) => expect(isSensitiveKey(key)).toBe(true));

  it.each(['guild', 'command', 'tokenCount', 'author', 'keys', 'user', 'message'])(
    '%s is not',
    (key) => expect(isSensitiveKey(key)).toBe(false),
  );
});

describe('redactValue', () => {
  it('redacts secret-named keys at any depth, in objects and arrays, whatever the case', () => {
    const input = {
      guild: '1',
      request: { token: 'a', headers: { Authorization: `Bot ${TOKEN}`, Accept: 'json' } },
      list: [{ nested: { PASSWORD: 'p', ok: 1 } }, 'plain', [{ Client_Secret: 's' }]],
      env: { DISCORD_TOKEN: 't', 'x-api-key': 'k', apikey: 'k2', Cookie: 'c' },
    };
    expect(redactValue(input)).toEqual({
      guild: '1',
      request: { token: REDACTED, headers: { Authorization: REDACTED, Accept: 'json' } },
      list: [{ nested: { PASSWORD: REDACTED, ok: 1 } }, 'plain', [{ Client_Secret: REDACTED }]],
      env: { DISCORD_TOKEN: REDACTED, 'x-api-key': REDACTED, apikey: REDACTED, Cookie: REDACTED },
    });
    // Never changes what the caller logged.
    expect(input.request.token).toBe('a');
  });

  it('returns the same object when nothing is secret (no copy on the hot path)', () => {
    const fields = { guild: '1', command: 'ping', ms: 3, user: { id: '2' }, tags: ['a'] };
    expect(redactFields(fields)).toBe(fields);
    expect(redactValue(fields.user)).toBe(fields.user);
  });

  it('keeps booleans, null and undefined under secret names (they hold nothing)', () => {
    expect(redactValue({ token: undefined, hasToken: true, password: null })).toEqual({
      token: undefined,
      hasToken: true,
      password: null,
    });
  });

  it('serialises errors like pino and walks their properties, causes and aggregates', () => {
    const error = Object.assign(new Error('request failed', { cause: { token: 'c' } }), {
      code: 'E_HTTP',
      config: { url: '/gateway', headers: { Authorization: `Bot ${TOKEN}` } },
      request: { token: TOKEN },
    });
    const inner = Object.assign(new Error('inner'), { secret: 'x' });
    const aggregate = new AggregateError([inner], 'many');
    // Through JSON, as pino prints it.
    const out: Record<string, Record<string, unknown>> = JSON.parse(
      JSON.stringify(redactValue({ err: error, other: aggregate })),
    );
    expect(out.err).toMatchObject({
      type: 'Error',
      message: 'request failed',
      code: 'E_HTTP',
      config: { url: '/gateway', headers: { Authorization: REDACTED } },
      request: { token: REDACTED },
      cause: { token: REDACTED },
    });
    expect(String(out.err?.stack)).toContain('request failed');
    expect(out.other).toMatchObject({
      type: 'AggregateError',
      aggregateErrors: [{ type: 'Error', message: 'inner', secret: REDACTED }],
    });
    expect(JSON.stringify(out)).not.toContain(TOKEN);
  });

  it('is cycle-safe and bounded in depth', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    cyclic.list = [cyclic, { apiKey: 'k' }];
    expect(redactFields({ cyclic })).toEqual({
      cyclic: { name: 'a', self: '[Circular]', list: ['[Circular]', { apiKey: REDACTED }] },
    });
    let deep: Record<string, unknown> = { token: 'deepest' };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const text = JSON.stringify(redactFields({ deep }));
    expect(text).not.toContain('deepest');
    expect(text).toContain('[Object]');
  });

  it('walks what JSON.stringify would print (toJSON)', () => {
    const client = { toJSON: () => ({ id: '1', token: TOKEN }) };
    expect(redactValue({ client, at: new Date(0) })).toEqual({
      client: { id: '1', token: REDACTED },
      at: '1970-01-01T00:00:00.000Z',
    });
  });
});

describe('createSecretScrubber', () => {
  it('replaces configured values raw, JSON-escaped and URL-encoded, and Bot/Bearer credentials', () => {
    const password = 'pa"ss\\word-123';
    const scrub = createSecretScrubber([TOKEN, password, undefined, 'short']);
    const line = JSON.stringify({
      msg: `login with ${TOKEN} failed`,
      url: `https://x.test/?t=${encodeURIComponent(TOKEN)}`,
      pw: password,
      header: 'Bearer abcdefghijklmnopqrstuvwxyz012345',
      other: 'Bot QUJDREVGR0hJSktMTU5PUFFSU1RVVldY',
      short: 'short stays',
    });
    const out = scrub(line);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('word-123');
    expect(out).not.toContain('abcdefghijklmnopqrstuvwxyz012345');
    expect(out).not.toContain('QUJDREVGR0hJSktMTU5PUFFSU1RVVldY');
    expect(JSON.parse(out)).toEqual({
      msg: `login with ${REDACTED} failed`,
      url: `https://x.test/?t=${REDACTED}`,
      pw: REDACTED,
      header: `Bearer ${REDACTED}`,
      other: `Bot ${REDACTED}`,
      short: 'short stays',
    });
  });

  it('replaces token-shaped strings nobody configured, and leaves ordinary text alone', () => {
    const scrub = createSecretScrubber([]);
    const ordinary =
      'Bot ready in guild 123456789012345678. Loaded 3 extensions from /srv/bot/node_modules/.pnpm/x.js';
    expect(scrub(ordinary)).toBe(ordinary);
    expect(scrub(`token=${TOKEN}; next`)).toBe(`token=${REDACTED}; next`);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9abc.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36';
    expect(redactTokenShapes(`a ${jwt} b ${jwt}`)).toBe(`a ${REDACTED} b ${REDACTED}`);
    // Long runs without dots are scanned once, not once per starting position.
    const long = `${'a'.repeat(200_000)}.b`;
    expect(redactTokenShapes(long)).toBe(long);
  });
});
