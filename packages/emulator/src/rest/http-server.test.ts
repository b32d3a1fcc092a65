import { describe, expect, it } from 'vitest';
import { requestTarget } from './http-server.js';

describe('requestTarget', () => {
  // Whatever the shortcut splits by hand must read exactly as the WHATWG parser reads it.
  const targets = [
    '/',
    '/api/v10/channels/123/messages',
    '/api/v10/channels/123/messages/',
    '/api/v10/interactions/1/emu.1.abc-_def/callback?with_response=true',
    '/api/v10/channels/1/messages/2/reactions/%F0%9F%91%8D/@me',
    '/api/v10/channels/1/messages?limit=5&before=9#frag',
    '/api/v10/guilds/1/members/search?query=a%20b+c&limit=2',
    "/api/v10/x/(a)!$&'*+,;=:@~",
    '/api/v10/channels/1/../2',
    '/api/v10/channels/./1',
    '/api/v10/files/a b',
    '/api/v10/files/ü?q=ü',
    '/api/v10/files/a\\b',
    '/api/v10/files/{a}|^`',
    '/api/v10/files/a#b?c',
    '/api/v10/.well-known',
    '/api/v10/x?',
    '/api/v10/x?a=1&a=2&b',
  ];
  it.each(targets)('reads %s as new URL() does', (target) => {
    const url = new URL(target, 'http://127.0.0.1');
    const read = requestTarget(target);
    expect(read.pathname).toBe(url.pathname);
    expect([...read.query]).toEqual([...url.searchParams]);
  });
});
