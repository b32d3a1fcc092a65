import type { CookieSerializeOptions } from '@fastify/cookie';

/** The session cookie: HttpOnly, so no script (ours included) ever reads it. */
export const SESSION_COOKIE = '__Host-zoryx-session';
/** The CSRF double-submit cookie; its value must come back in the form field or header too. */
export const CSRF_COOKIE = '__Host-zoryx-csrf';
/** Binds an OAuth2 `state` to the browser that started the login. */
export const OAUTH_COOKIE = '__Host-zoryx-oauth';

/**
 * `__Host-` cookies: Secure, Path=/, no Domain, so no other host or path can set or shadow them.
 * Browsers accept Secure cookies over http only on loopback, which is where plain http is allowed.
 */
export function hostCookie(maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'strict',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/** The OAuth2 binding cookie must come back on the redirect from Discord: SameSite=Lax. */
export function oauthCookie(): CookieSerializeOptions {
  return { path: '/', secure: true, httpOnly: true, sameSite: 'lax', maxAge: 600 };
}
