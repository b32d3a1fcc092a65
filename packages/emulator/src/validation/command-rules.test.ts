import { describe, expect, it } from 'vitest';
import { DiscordApiError } from '../rest/discord-error.js';
import { type CommandInput, validateCommand, validateCommandList } from './command-rules.js';

function errorsOf(command: CommandInput): unknown {
  try {
    validateCommand(command);
  } catch (error) {
    expect(error).toBeInstanceOf(DiscordApiError);
    expect((error as DiscordApiError).code).toBe(50035);
    return (error as DiscordApiError).errors;
  }
  return null;
}

const option = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 3,
  name,
  description: 'd',
  ...extra,
});

describe('application command rules', () => {
  it('accepts valid commands, unicode names included', () => {
    expect(errorsOf({ name: 'ping', description: 'Pong' })).toBeNull();
    expect(errorsOf({ name: 'größe', description: 'Unicode letters are allowed' })).toBeNull();
    expect(errorsOf({ name: 'Inspect User', type: 2 })).toBeNull();
  });

  it('refuses uppercase, spaces and over-long chat-input names', () => {
    for (const name of ['Ping', 'two words', 'x'.repeat(33), '']) {
      expect(JSON.stringify(errorsOf({ name, description: 'd' }))).toMatch(/"name"/);
    }
  });

  it('requires descriptions of 1–100 characters on chat-input commands and options', () => {
    expect(errorsOf({ name: 'a', description: 'x'.repeat(101) })).toMatchObject({
      description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] },
    });
    expect(
      errorsOf({ name: 'a', description: 'd', options: [option('o', { description: '' })] }),
    ).toMatchObject({
      options: { '0': { description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } },
    });
  });

  it('caps options and choices at 25', () => {
    const options = Array.from({ length: 26 }, (_, i) => option(`o${i}`));
    expect(errorsOf({ name: 'a', description: 'd', options })).toMatchObject({
      options: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] },
    });
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `v${i}` }));
    expect(
      errorsOf({ name: 'a', description: 'd', options: [option('o', { choices })] }),
    ).toMatchObject({
      options: { '0': { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
  });

  it('refuses subcommands nested below subcommands and mixed with plain options', () => {
    const nested = {
      type: 1,
      name: 'sub',
      description: 'd',
      options: [{ type: 1, name: 'deeper', description: 'd' }],
    };
    expect(JSON.stringify(errorsOf({ name: 'a', description: 'd', options: [nested] }))).toMatch(
      /APPLICATION_COMMAND_OPTION_TYPE_INVALID/,
    );
    const mixed = [{ type: 1, name: 'sub', description: 'd' }, option('plain')];
    expect(errorsOf({ name: 'a', description: 'd', options: mixed })).toMatchObject({
      options: { _errors: [{ code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID' }] },
    });
  });

  it('refuses autocomplete together with choices, and context menus with descriptions', () => {
    const both = option('o', { autocomplete: true, choices: [{ name: 'a', value: 'a' }] });
    expect(JSON.stringify(errorsOf({ name: 'a', description: 'd', options: [both] }))).toMatch(
      /AUTOCOMPLETE/,
    );
    expect(JSON.stringify(errorsOf({ name: 'Menu', type: 3, description: 'no' }))).toMatch(
      /CONTEXT_MENU_DESCRIPTION/,
    );
  });

  it('counts localizations toward the 4,000-character total', () => {
    const long = 'x'.repeat(100);
    const localized = Object.fromEntries(
      [
        'de',
        'fr',
        'es-ES',
        'it',
        'ja',
        'ko',
        'nl',
        'pl',
        'ru',
        'sv-SE',
        'tr',
        'uk',
        'vi',
        'zh-CN',
        'zh-TW',
        'pt-BR',
        'hu',
        'fi',
        'da',
        'cs',
        'el',
        'bg',
        'th',
        'hi',
        'lt',
        'ro',
        'hr',
        'no',
        'id',
        'he',
        'en-GB',
        'en-US',
      ].map((locale) => [locale, long]),
    );
    const options = Array.from({ length: 25 }, (_, i) =>
      option(`o${i}`, { description: 'x'.repeat(100), description_localizations: localized }),
    );
    expect(errorsOf({ name: 'a', description: 'd', options: options.slice(0, 10) })).toBeNull();
    expect(
      errorsOf({
        name: 'a',
        description: 'x'.repeat(100),
        options: Array.from({ length: 25 }, (_, i) =>
          option(`o${i}`, {
            description: 'x'.repeat(100),
            choices: Array.from({ length: 25 }, (_, j) => ({ name: `c${j}`, value: `v${j}` })),
          }),
        ),
      }),
    ).toMatchObject({
      _errors: [{ code: 'APPLICATION_COMMAND_TOO_LARGE' }],
    });
  });

  it('refuses duplicate names of the same type in a bulk overwrite, by index', () => {
    expect(() =>
      validateCommandList([
        { name: 'a', description: 'd' },
        { name: 'A', type: 2 },
      ]),
    ).not.toThrow();
    try {
      validateCommandList([
        { name: 'a', description: 'd' },
        { name: 'a', description: 'e' },
      ]);
      expect.unreachable();
    } catch (error) {
      expect((error as DiscordApiError).errors).toMatchObject({
        '1': { name: { _errors: [{ code: 'APPLICATION_COMMANDS_DUPLICATE_NAME' }] } },
      });
    }
  });
});
