import { describe, expect, it } from 'vitest';
import { Router } from './router.js';

describe('Router', () => {
  const router = new Router();
  router.on('GET', '/channels/:channel_id/messages/:message_id', () => 'message');
  router.on('POST', '/channels/:channel_id/messages/bulk-delete', () => 'bulk');
  router.on(
    'PATCH',
    '/webhooks/:application_id/:token/messages/:message_id',
    () => 'webhook',
    false,
  );

  it('matches methods and segments, extracting URI-decoded params', () => {
    expect(router.match('GET', '/channels/1/messages/2')?.params).toEqual({
      channel_id: '1',
      message_id: '2',
    });
    expect(router.match('PATCH', '/webhooks/1/tok/messages/%40original')?.params.message_id).toBe(
      '@original',
    );
    expect(router.match('PATCH', '/webhooks/1/tok/messages/2')?.auth).toBe(false);
    expect(router.match('POST', '/channels/1/messages/bulk-delete')?.pattern).toBe(
      '/channels/:channel_id/messages/bulk-delete',
    );
  });

  it('returns null for unknown methods, paths and lengths', () => {
    expect(router.match('DELETE', '/channels/1/messages/2')).toBeNull();
    expect(router.match('GET', '/channels/1/messages')).toBeNull();
    expect(router.match('GET', '/guilds/1/messages/2')).toBeNull();
  });

  it('picks the first registered of the routes that match, as a scan in order would', () => {
    const ordered = new Router();
    ordered.on('GET', '/channels/:channel_id/pins', () => 'first');
    ordered.on('GET', '/channels/:channel_id/:anything', () => 'second');
    ordered.on('POST', '/channels/:channel_id/pins', () => 'post');
    expect(ordered.match('GET', '/channels/1/pins')?.pattern).toBe('/channels/:channel_id/pins');
    expect(ordered.match('GET', '/channels/1/other')?.pattern).toBe(
      '/channels/:channel_id/:anything',
    );
    expect(ordered.match('POST', '/channels/1/pins/')?.pattern).toBe('/channels/:channel_id/pins');
  });
});
