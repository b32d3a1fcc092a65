import { describe, expect, it } from 'vitest';
import { formatStatusText } from './status-rotation.js';

describe('formatStatusText', () => {
  it('fills every placeholder, repeatedly', () => {
    expect(
      formatStatusText('{guilds} servers, {users} users, {commands} commands, {guilds}!', {
        guilds: 3,
        users: 42,
        commands: 7,
      }),
    ).toBe('3 servers, 42 users, 7 commands, 3!');
  });
});
