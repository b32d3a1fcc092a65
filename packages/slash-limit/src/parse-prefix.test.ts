import { describe, expect, it } from 'vitest';
import type { CommandSpec } from './command-spec.js';
import { UsageError } from './errors.js';
import { parsePrefixInvocation } from './parse-prefix.js';
import type { EntityLookup } from './parse-value.js';

const USER = '123456789012345678';
const ROLE = '223456789012345678';
const CHANNEL = '323456789012345678';

/** An in-memory directory; user lookups answer asynchronously like a REST fetch would. */
const lookup: EntityLookup = {
  user: async (id) => (id === USER ? { id, username: 'ana' } : undefined),
  member: (id) => (id === USER ? { id, nick: 'Ana' } : undefined),
  role: (id) => (id === ROLE ? { id, name: 'mods' } : undefined),
  channel: (id) => (id === CHANNEL ? { id, name: 'general' } : undefined),
};

const ban = {
  name: 'ban',
  description: 'Ban a member',
  options: [
    { type: 6, name: 'user', description: 'Who', required: true },
    { type: 4, name: 'days', description: 'Days of messages', min_value: 0, max_value: 7 },
    { type: 3, name: 'reason', description: 'Why' },
  ],
} as CommandSpec;

const config = {
  name: 'config',
  description: 'Settings',
  options: [
    {
      type: 2,
      name: 'flag',
      description: 'Flags',
      options: [
        {
          type: 1,
          name: 'set',
          description: 'Set a flag',
          options: [
            {
              type: 3,
              name: 'key',
              description: 'Key',
              required: true,
              choices: [
                { name: 'Safe Mode', value: 'safe' },
                { name: 'Beta', value: 'beta' },
              ],
            },
            { type: 5, name: 'on', description: 'On?', required: true },
          ],
        },
      ],
    },
    { type: 1, name: 'show', description: 'Show settings' },
  ],
} as CommandSpec;

async function parse(cmd: CommandSpec, text: string) {
  return parsePrefixInvocation(cmd, text, lookup);
}

async function parseError(cmd: CommandSpec, text: string): Promise<UsageError> {
  const result = await parse(cmd, text);
  if (result.ok) throw new Error(`expected a usage error for "${text}"`);
  expect(result.error).toBeInstanceOf(UsageError);
  return result.error;
}

describe('parsePrefixInvocation', () => {
  it('reads a mention, an integer and the rest of the line as typed', async () => {
    const result = await parse(ban, `<@!${USER}> 3 spamming   links "everywhere"`);
    expect(result).toEqual({
      ok: true,
      options: {
        user: { id: USER, username: 'ana' },
        days: 3,
        reason: 'spamming   links "everywhere"',
      },
      members: { user: { id: USER, nick: 'Ana' } },
    });
  });

  it('accepts raw ids and skips an optional option whose argument does not fit it', async () => {
    const result = await parse(ban, `${USER} being rude`);
    expect(result).toMatchObject({ ok: true, options: { reason: 'being rude' } });
    expect(result.ok && 'days' in result.options).toBe(false);
  });

  it('takes a single quoted argument unquoted, and name:value anywhere', async () => {
    const result = await parse(ban, `reason:"too loud" <@${USER}> days:0`);
    expect(result).toMatchObject({ ok: true, options: { reason: 'too loud', days: 0 } });
  });

  it('keeps apostrophes inside words literal', async () => {
    const result = await parse(ban, `<@${USER}> 1 don't do that`);
    expect(result).toMatchObject({ ok: true, options: { reason: "don't do that" } });
  });

  it('reports a value out of range with the usage line and the failing argument', async () => {
    const error = await parseError(ban, `<@${USER}> 9 x`);
    expect(error.code).toBe('ZRX_SLASH_USAGE');
    expect(error.argument).toBe('days');
    expect(error.input).toBe('9');
    expect(error.message).toContain('above the maximum 7');
    expect(error.usage).toBe('ban <user> [days] [reason...]');
    expect(error.hint).toBe('Usage: ban <user> [days] [reason...]');
  });

  it('reports a missing required option and an unknown user', async () => {
    expect((await parseError(ban, '')).message).toBe('ban: <user> is required');
    const unknown = await parseError(ban, '<@999999999999999999>');
    expect(unknown.message).toContain('no user with id 999999999999999999');
    expect((await parseError(ban, 'nobody')).message).toContain('not a user mention or id');
  });

  it('walks groups and subcommands, matches choices by name or value, parses booleans', async () => {
    expect(await parse(config, 'flag set "safe mode" yes')).toEqual({
      ok: true,
      options: { key: 'safe', on: true },
      members: {},
      group: 'flag',
      subcommand: 'set',
    });
    expect(await parse(config, 'FLAG set beta off')).toMatchObject({
      options: { key: 'beta', on: false },
    });
    expect(await parse(config, 'show')).toMatchObject({
      ok: true,
      subcommand: 'show',
      options: {},
    });
  });

  it.each(['true', 'YES', '1', 'y', 'on'])('reads %s as true', async (word) => {
    expect(await parse(config, `flag set beta ${word}`)).toMatchObject({ options: { on: true } });
  });

  it.each(['false', 'No', '0', 'n', 'off'])('reads %s as false', async (word) => {
    expect(await parse(config, `flag set beta ${word}`)).toMatchObject({ options: { on: false } });
  });

  it('treats any other boolean word as an error, not as false', async () => {
    const error = await parseError(config, 'flag set beta maybe');
    expect(error.argument).toBe('on');
    expect(error.message).toContain('"maybe" is not yes/no');
  });

  it('rejects an unknown choice and an unknown subcommand, listing what exists', async () => {
    expect((await parseError(config, 'flag set gamma on')).message).toContain(
      'not one of: Safe Mode, Beta',
    );
    const sub = await parseError(config, 'reset');
    expect(sub.message).toBe('config: "reset" is not one of: flag, show');
    expect(sub.usage).toBe('config <flag|show>');
    expect((await parseError(config, 'flag')).usage).toBe('config flag <set>');
  });

  it('parses roles, channels, mentionables and numbers; refuses attachments and surplus input', async () => {
    const cmd = {
      name: 'x',
      description: 'X',
      options: [
        { type: 8, name: 'role', description: 'R', required: true },
        { type: 7, name: 'where', description: 'C', required: true },
        { type: 9, name: 'who', description: 'M', required: true },
        { type: 10, name: 'ratio', description: 'N', required: true, min_value: 0 },
      ],
    } as CommandSpec;
    expect(await parse(cmd, `<@&${ROLE}> <#${CHANNEL}> ${ROLE} 0.25`)).toMatchObject({
      ok: true,
      options: {
        role: { name: 'mods' },
        where: { name: 'general' },
        who: { name: 'mods' },
        ratio: 0.25,
      },
    });
    expect(
      (await parseError(cmd, `<@&${ROLE}> <#${CHANNEL}> <@${USER}> 1 extra`)).message,
    ).toContain('unexpected argument "extra"');
    expect((await parseError(cmd, `<@&${ROLE}> <#${CHANNEL}> <@${USER}> -1`)).message).toContain(
      'below the minimum 0',
    );
    const upload = {
      name: 'up',
      description: 'U',
      options: [{ type: 11, name: 'file', description: 'F', required: true }],
    } as CommandSpec;
    expect((await parseError(upload, 'a.png')).message).toContain(
      'attachments cannot be given as text',
    );
  });

  it('checks string lengths and rejects an option given twice', async () => {
    const cmd = {
      name: 'say',
      description: 'Say',
      options: [{ type: 3, name: 'text', description: 'T', required: true, min_length: 3 }],
    } as CommandSpec;
    expect((await parseError(cmd, 'hi')).message).toContain('at least 3 needed');
    expect((await parseError(ban, `user:${USER} user:${USER}`)).message).toContain('given twice');
  });

  it('does not throw on a malformed (invalid, prefix-only) command', async () => {
    const broken = {
      name: 'broken',
      description: 'B',
      options: [null, 7, { type: 3, name: 'text', description: 'T' }],
    };
    expect(await parse(broken as unknown as CommandSpec, 'hello there')).toMatchObject({
      ok: true,
      options: { text: 'hello there' },
    });
  });
});
