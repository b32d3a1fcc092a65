import type { APIApplicationCommand } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { type MentionResolver, parseSlashLine, tokenize } from './slash-line.js';

const command = (data: Partial<APIApplicationCommand>): APIApplicationCommand =>
  ({
    id: '1',
    application_id: '2',
    version: '1',
    type: 1,
    description: 'x',
    default_member_permissions: null,
    ...data,
  }) as APIApplicationCommand;

const commands = [
  command({
    name: 'ban',
    options: [
      { type: 6, name: 'user', description: 'who', required: true },
      { type: 3, name: 'reason', description: 'why' },
      { type: 4, name: 'days', description: 'delete days' },
      { type: 5, name: 'silent', description: 'quiet' },
    ],
  }),
  command({
    name: 'mod',
    options: [
      {
        type: 2,
        name: 'role',
        description: 'roles',
        options: [
          {
            type: 1,
            name: 'give',
            description: 'give a role',
            options: [
              { type: 8, name: 'role', description: 'role' },
              { type: 7, name: 'log', description: 'log channel' },
              { type: 10, name: 'weight', description: 'weight' },
            ],
          },
        ],
      },
    ],
  }),
];

const mentions: MentionResolver = {
  user: (ref) => ({ '@alice': '100', alice: '100', '100': '100' })[ref],
  channel: (ref) => ({ '#general': '200', '200': '200' })[ref],
  role: (ref) => ({ '@mods': '300', '300': '300' })[ref],
};

describe('tokenize', () => {
  it('splits on whitespace and keeps quoted parts together', () => {
    expect(tokenize(`ban user:@alice reason:"too much  spam" note:'it''s'  x`)).toEqual([
      'ban',
      'user:@alice',
      'reason:too much  spam',
      'note:its',
      'x',
    ]);
    expect(tokenize('say text:""')).toEqual(['say', 'text:']);
  });
});

describe('parseSlashLine', () => {
  it('converts options to their declared types and resolves mentions', () => {
    expect(
      parseSlashLine('ban user:@alice reason:spam days:7 silent:yes', commands, mentions),
    ).toEqual({
      name: 'ban',
      options: { user: '100', reason: 'spam', days: 7, silent: true },
    });
    expect(parseSlashLine('ban user:<@100>', commands, mentions).options).toEqual({ user: '100' });
  });

  it('continues a value with the following words', () => {
    expect(parseSlashLine('ban user:@alice reason:too much spam', commands, mentions)).toEqual({
      name: 'ban',
      options: { user: '100', reason: 'too much spam' },
    });
  });

  it('keeps an unknown name:value as an option until another option started', () => {
    expect(parseSlashLine('ban nick:x', commands, mentions).options).toEqual({ nick: 'x' });
    expect(parseSlashLine('ban reason:see https://x.y', commands, mentions).options).toEqual({
      reason: 'see https://x.y',
    });
  });

  it('walks subcommand groups and subcommands to the options', () => {
    expect(
      parseSlashLine('mod role give role:@mods log:<#200> weight:1.5', commands, mentions),
    ).toEqual({ name: 'mod role give', options: { role: '300', log: '200', weight: 1.5 } });
  });

  it('leaves values it cannot convert as they are, for the emulator to refuse', () => {
    expect(parseSlashLine('ban user:@nobody days:soon', commands, mentions).options).toEqual({
      user: '@nobody',
      days: 'soon',
    });
  });

  it('passes unknown commands through with string options', () => {
    expect(parseSlashLine('Unknown a:1 b:two', commands, mentions)).toEqual({
      name: 'unknown',
      options: { a: '1', b: 'two' },
    });
  });
});
