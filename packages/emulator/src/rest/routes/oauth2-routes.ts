import { guildPermissions } from '../../state/permissions.js';
import { oauth2Of } from '../../world/oauth2-state.js';
import type { World } from '../../world/world.js';
import { RedirectResponse, RouteResponse, type Router } from '../router.js';

function field(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = Reflect.get(body, key);
  return typeof value === 'string' ? value : undefined;
}

const oauthError = (error: string, description: string) =>
  new RouteResponse(400, { error, error_description: description });

/**
 * Discord's OAuth2 authorisation-code flow (with PKCE), offline: `GET /oauth2/authorize` (the
 * consent page, answered for the user a test signed in with `emulator.authorizeOAuth(user)` by
 * redirecting to `redirect_uri` with `code` and `state`) and `POST /api/oauth2/token`
 * (form-encoded, client id + secret, code single use, S256 verifier checked).
 */
export function registerOAuth2Routes(router: Router, world: World): void {
  router.on(
    'GET',
    '/oauth2/authorize',
    ({ query }) => {
      const state = oauth2Of(world);
      const redirectUri = query.get('redirect_uri') ?? '';
      if (query.get('client_id') !== world.settings.applicationId || !redirectUri) {
        return oauthError('invalid_request', 'Unknown client_id or missing redirect_uri.');
      }
      if (query.get('response_type') !== 'code') {
        return oauthError('unsupported_response_type', 'Only response_type=code is served.');
      }
      const method = query.get('code_challenge_method');
      const challenge = query.get('code_challenge');
      if (challenge !== null && method !== 'S256') {
        return oauthError('invalid_request', 'code_challenge_method must be S256.');
      }
      const target = new URL(redirectUri);
      const code = state.issueCode(redirectUri, challenge, query.get('scope') ?? 'identify');
      if (code === null) target.searchParams.set('error', 'access_denied');
      else target.searchParams.set('code', code);
      const stateParam = query.get('state');
      if (stateParam !== null) target.searchParams.set('state', stateParam);
      return new RedirectResponse(target.toString());
    },
    false,
  );

  const token = ({ body }: { body: unknown }) => {
    const state = oauth2Of(world);
    if (
      field(body, 'client_id') !== world.settings.applicationId ||
      field(body, 'client_secret') !== state.clientSecret
    ) {
      return new RouteResponse(401, { error: 'invalid_client' });
    }
    if (field(body, 'grant_type') !== 'authorization_code') {
      return oauthError('unsupported_grant_type', 'Only authorization_code is served.');
    }
    const issued = state.redeem(
      field(body, 'code') ?? '',
      field(body, 'redirect_uri') ?? '',
      field(body, 'code_verifier'),
    );
    if (!issued) return oauthError('invalid_grant', 'Invalid "code" in request.');
    return {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      refresh_token: `refresh-${issued.accessToken}`,
      scope: issued.scope,
    };
  };
  // `/api/oauth2/token` (unversioned, as Discord documents it) and `/api/v10/oauth2/token`.
  router.on('POST', '/api/oauth2/token', token, false);
  router.on('POST', '/oauth2/token', token, false);
}

/**
 * The routes an OAuth2 access token (`Authorization: Bearer …`) may call: the user who
 * authorised, and the guilds they are in (with `owner` and their permissions there).
 */
export function registerBearerRoutes(router: Router, world: World): void {
  const unauthorized = new RouteResponse(401, { code: 0, message: '401: Unauthorized' });
  router.on(
    'GET',
    '/users/@me',
    ({ authorization }) => {
      const who = oauth2Of(world).userOf(authorization);
      return who ? world.user(who.userId) : unauthorized;
    },
    false,
  );
  router.on(
    'GET',
    '/users/@me/guilds',
    ({ authorization }) => {
      const who = oauth2Of(world).userOf(authorization);
      if (!who?.scope.split(' ').includes('guilds')) return unauthorized;
      return [...world.records.guilds.values()]
        .filter((guild) => guild.members.has(who.userId))
        .map((guild) => ({
          id: guild.id,
          name: guild.name,
          icon: null,
          owner: guild.ownerId === who.userId,
          permissions: guildPermissions(guild, who.userId).toString(),
          features: [],
        }));
    },
    false,
  );
}
