import { describe, expect, it } from 'vitest';
import { MessageInteractionOptions } from './commands/message-interaction.js';
import { FrameworkError, FrameworkTypeError, frameworkErrorCatalogue } from './errors.js';

describe('frameworkErrorCatalogue', () => {
  it('gives every code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(frameworkErrorCatalogue)) {
      expect(code).toMatch(/^ZRX_[A-Z0-9_]+$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of a FrameworkError thrown without one; a specific hint wins', () => {
    const cause = new Error('EACCES');
    const error = new FrameworkError('ZRX_CONFIG_WRITE', 'cannot create config.json', { cause });
    expect([error.hint, error.cause]).toEqual([
      frameworkErrorCatalogue.ZRX_CONFIG_WRITE.hint,
      cause,
    ]);
    expect(new FrameworkError('ZRX_PIECE_NAME', 'anonymous piece', 'Name it.').hint).toBe(
      'Name it.',
    );
  });
});

describe('the message-backed interaction', () => {
  it('throws a coded TypeError, as discord.js would, for a missing required option', () => {
    // `tag show` with the optional `name` left out, as parsePrefixInvocation returns it.
    const options = new MessageInteractionOptions({
      ok: true,
      options: {},
      members: {},
      subcommand: 'show',
    });
    expect(options.getSubcommand()).toBe('show');
    expect(options.getString('name')).toBeNull();
    let thrown: unknown;
    try {
      options.getString('name', true);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).toBeInstanceOf(FrameworkTypeError);
    expect(thrown).toMatchObject({
      code: 'ZRX_COMMAND_OPTION_MISSING',
      message: 'Required option "name" not found.',
      hint: frameworkErrorCatalogue.ZRX_COMMAND_OPTION_MISSING.hint,
    });
    expect(() => options.getSubcommandGroup(true)).toThrow(FrameworkTypeError);
  });
});
