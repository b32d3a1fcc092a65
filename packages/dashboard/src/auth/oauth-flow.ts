import { createHash } from 'node:crypto';
import { DashboardError } from '../errors.js';
import { hashSecret, newSecret, safeEqual } from './tokens.js';

/** The OAuth2 application of the dashboard (`extensions.config.dashboard.oauth`). */
export interface OAuthSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

/** Where Discord (or the emulator) answers: `https://discord.com` and `https://discord.com/api/v10`. */
export interface OAuthEndpoints {
  readonly site: string;
  readonly api: string;
}

interface Pending {
  readonly verifier: string;
  readonly binding: string;
  readonly expiresAt: number;
}

/** The Discord user an OAuth2 login proved, and its access token (kept server-side). */
export interface OAuthIdentity {
  readonly userId: string;
  readonly userName: string;
  readonly accessToken: string;
}

const PENDING_TTL_MS = 10 * 60_000;

/**
 * Discord OAuth2 authorisation-code flow with PKCE (S256) and `state`. Each start creates a
 * `state`, a code verifier and a browser binding (a cookie); the callback must bring back the
 * same `state` in the same browser, once, within ten minutes. The client secret and the tokens
 * never leave the server.
 */
export class OAuthFlow {
  readonly #pending = new Map<string, Pending>();

  public constructor(
    private readonly settings: OAuthSettings,
    private readonly endpoints: () => OAuthEndpoints,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a login: the URL to send the browser to, and the binding to set as a cookie. */
  public start(): { url: string; binding: string } {
    const now = this.now();
    for (const [key, p] of this.#pending) if (p.expiresAt <= now) this.#pending.delete(key);
    const state = newSecret();
    const verifier = newSecret();
    const binding = newSecret();
    this.#pending.set(hashSecret(state), { verifier, binding, expiresAt: now + PENDING_TTL_MS });
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      scope: 'identify guilds',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      prompt: 'consent',
    });
    return { url: `${this.endpoints().site}/oauth2/authorize?${query}`, binding };
  }

  /**
   * Finishes a login: checks `state` and the browser binding (single use), exchanges the code with
   * the verifier and reads the user. Resolves `null` for a forged, replayed, expired or
   * foreign-browser callback; throws `ZRX_DASHBOARD_OAUTH` when Discord refuses the exchange.
   */
  public async finish(
    code: string,
    state: string,
    binding: string | undefined,
  ): Promise<OAuthIdentity | null> {
    const key = hashSecret(state);
    const pending = this.#pending.get(key);
    this.#pending.delete(key);
    if (!pending || pending.expiresAt <= this.now()) return null;
    if (binding === undefined || !safeEqual(binding, pending.binding)) return null;
    const { api } = this.endpoints();
    const tokenResponse = await fetch(`${api}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.settings.redirectUri,
        code_verifier: pending.verifier,
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret,
      }),
    });
    if (!tokenResponse.ok) {
      throw new DashboardError(
        'ZRX_DASHBOARD_OAUTH',
        `The token exchange answered ${tokenResponse.status}.`,
      );
    }
    const token: unknown = await tokenResponse.json();
    const accessToken = stringField(token, 'access_token');
    if (!accessToken) {
      throw new DashboardError(
        'ZRX_DASHBOARD_OAUTH',
        'The token exchange returned no access_token.',
      );
    }
    const userResponse = await fetch(`${api}/users/@me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (!userResponse.ok) {
      throw new DashboardError(
        'ZRX_DASHBOARD_OAUTH',
        `/users/@me answered ${userResponse.status}.`,
      );
    }
    const user: unknown = await userResponse.json();
    const userId = stringField(user, 'id');
    if (!userId) throw new DashboardError('ZRX_DASHBOARD_OAUTH', '/users/@me returned no id.');
    return {
      userId,
      userName: stringField(user, 'global_name') ?? stringField(user, 'username') ?? userId,
      accessToken,
    };
  }
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'string' ? field : undefined;
}

/** The OAuth2 endpoints that belong to the REST API the bot uses (Discord's, or an emulator's). */
export function endpointsFromApi(api: string, version: string): OAuthEndpoints {
  const base = api.replace(/\/+$/, '');
  return { site: base.replace(/\/api$/, ''), api: `${base}/v${version}` };
}
