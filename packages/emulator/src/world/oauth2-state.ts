import { createHash, randomBytes } from 'node:crypto';
import type { World } from './world.js';

/** An authorisation code waiting for its token exchange. */
interface PendingCode {
  readonly userId: string;
  readonly redirectUri: string;
  readonly challenge: string | null;
  readonly scope: string;
  readonly expiresAt: number;
}

/** An issued access token. */
interface IssuedToken {
  readonly userId: string;
  readonly scope: string;
  readonly expiresAt: number;
}

/** How long codes and tokens live, as on Discord (codes ~10 min, tokens 7 days). */
const CODE_TTL_MS = 10 * 60_000;
const TOKEN_TTL_S = 7 * 24 * 3600;

/**
 * The emulator's OAuth2 side of the application: its client secret, the user the emulated
 * browser is signed in as (who the consent page authorises), codes (single use, PKCE-checked)
 * and access tokens.
 */
export class OAuth2State {
  public readonly clientSecret = randomBytes(24).toString('base64url');
  /** Who `/oauth2/authorize` authorises; `null` until a test signs someone in. */
  public signedIn: string | null = null;
  readonly #codes = new Map<string, PendingCode>();
  readonly #tokens = new Map<string, IssuedToken>();

  /** Issues a code for the signed-in user. */
  public issueCode(redirectUri: string, challenge: string | null, scope: string): string | null {
    if (this.signedIn === null) return null;
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, {
      userId: this.signedIn,
      redirectUri,
      challenge,
      scope,
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    return code;
  }

  /**
   * Redeems a code (once): checks its redirect URI and, when the authorisation carried a
   * challenge, that SHA-256(verifier) in base64url matches it (S256). The token, or `null`.
   */
  public redeem(
    code: string,
    redirectUri: string,
    verifier: string | undefined,
  ): { accessToken: string; scope: string; expiresIn: number } | null {
    const pending = this.#codes.get(code);
    this.#codes.delete(code);
    if (!pending || pending.expiresAt <= Date.now() || pending.redirectUri !== redirectUri) {
      return null;
    }
    if (pending.challenge !== null) {
      if (!verifier) return null;
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (computed !== pending.challenge) return null;
    }
    const accessToken = randomBytes(24).toString('base64url');
    this.#tokens.set(accessToken, {
      userId: pending.userId,
      scope: pending.scope,
      expiresAt: Date.now() + TOKEN_TTL_S * 1000,
    });
    return { accessToken, scope: pending.scope, expiresIn: TOKEN_TTL_S };
  }

  /** The user an `Authorization: Bearer <token>` header stands for, or `null`. */
  public userOf(authorization: string | undefined): { userId: string; scope: string } | null {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    const issued = this.#tokens.get(token);
    if (!issued || issued.expiresAt <= Date.now()) return null;
    return { userId: issued.userId, scope: issued.scope };
  }
}

const states = new WeakMap<World, OAuth2State>();

/** The OAuth2 state of a world (created on first use). */
export function oauth2Of(world: World): OAuth2State {
  let state = states.get(world);
  if (!state) {
    state = new OAuth2State();
    states.set(world, state);
  }
  return state;
}
