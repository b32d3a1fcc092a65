import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator, type UserHandle } from '../src/index.js';

const verifier = 'a-verifier-that-is-long-enough-for-pkce-0123456789';
const challenge = createHash('sha256').update(verifier).digest('base64url');
const redirectUri = 'http://127.0.0.1:9/callback';

describe('OAuth2 code flow with PKCE', () => {
  let discord: Emulator;
  let user: UserHandle;
  let credentials: { clientId: string; clientSecret: string };
  const site = () => `http://127.0.0.1:${discord.port}`;

  beforeAll(async () => {
    discord = await startEmulator();
    user = discord.createUser({ username: 'alice' });
    const guild = discord.createGuild({ name: 'Alice Guild', owner: user });
    void guild;
    credentials = discord.authorizeOAuth(user);
  });
  afterAll(() => discord?.close());

  async function authorize(extra: Record<string, string> = {}): Promise<URL> {
    const query = new URLSearchParams({
      client_id: credentials.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'identify guilds',
      state: 'xyz',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    });
    const response = await fetch(`${site()}/oauth2/authorize?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location') ?? '');
  }

  function exchange(code: string, codeVerifier = verifier, secret = credentials.clientSecret) {
    return fetch(`${site()}/api/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: codeVerifier,
        client_id: credentials.clientId,
        client_secret: secret,
      }),
    });
  }

  it('redirects with a code and the state, exchanges it once, and serves the user and guilds', async () => {
    const back = await authorize();
    expect(back.searchParams.get('state')).toBe('xyz');
    const code = back.searchParams.get('code') ?? '';
    const response = await exchange(code);
    expect(response.status).toBe(200);
    const token = (await response.json()) as { access_token: string; token_type: string };
    expect(token.token_type).toBe('Bearer');
    const me = await fetch(`${discord.apiUrl}/v10/users/@me`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(((await me.json()) as { id: string }).id).toBe(user.id);
    const guilds = await fetch(`${discord.apiUrl}/v10/users/@me/guilds`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(await guilds.json()).toEqual([
      expect.objectContaining({ name: 'Alice Guild', owner: true }),
    ]);
    expect((await exchange(code)).status).toBe(400);
  });

  it('refuses a wrong PKCE verifier, a wrong client secret and an unknown token', async () => {
    const code = (await authorize()).searchParams.get('code') ?? '';
    expect(
      ((await (await exchange(code, 'wrong-verifier')).json()) as { error: string }).error,
    ).toBe('invalid_grant');
    const other = (await authorize()).searchParams.get('code') ?? '';
    expect((await exchange(other, verifier, 'not-the-secret')).status).toBe(401);
    const me = await fetch(`${discord.apiUrl}/v10/users/@me`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(me.status).toBe(401);
  });

  it('keeps the bot token on the bot routes', async () => {
    const me = await fetch(`${discord.apiUrl}/v10/users/@me`, {
      headers: { authorization: `Bot ${discord.token}` },
    });
    expect(((await me.json()) as { id: string }).id).toBe(discord.botUserId);
  });
});
