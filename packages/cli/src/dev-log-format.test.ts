import { describe, expect, it } from 'vitest';
import { createDevLogFormatter, formatPinoLine, startupCodeOf } from './dev-log-format.js';

const plain = { verbose: false, color: false };

function collect(verbose: boolean, lines: string[]): string[] {
  const out: string[] = [];
  const formatter = createDevLogFormatter({
    verbose,
    color: false,
    write: (line) => out.push(line),
  });
  for (const line of lines) formatter.line(line);
  formatter.flush();
  return out;
}

const failedReload = JSON.stringify({
  level: 50,
  time: Date.UTC(2026, 0, 1, 12, 0, 0),
  pid: 1,
  hostname: 'h',
  extension: 'economy',
  msg: 'reload failed',
  err: {
    type: 'LoaderError',
    message: 'Extension "ecomony" is not loaded',
    stack: `LoaderError: Extension "ecomony" is not loaded\n${'    at reload (file:///x/loader.js:1:1)\n'.repeat(40)}`,
    code: 'ZRX_EXT_NOT_FOUND',
    hint: 'Run `extensions list` to see the loaded names.',
  },
});

describe('zoryx dev log lines', () => {
  it('prints a failed reload as one coded line with its hint, and the stack only with --verbose', () => {
    const line = formatPinoLine(failedReload, plain) ?? '';
    expect(line.split('\n')).toEqual([
      expect.stringMatching(
        /^\d\d:\d\d:\d\d ERROR \[economy\] ZRX_EXT_NOT_FOUND reload failed: Extension "ecomony" is not loaded$/,
      ),
      '    hint: Run `extensions list` to see the loaded names.',
    ]);
    expect(line.length).toBeLessThan(failedReload.length / 5);
    const verbose = formatPinoLine(failedReload, { verbose: true, color: false }) ?? '';
    expect(verbose).toContain('at reload (file:///x/loader.js:1:1)');
  });

  it('keeps other fields short on the same line, and passes plain text through', () => {
    const out = collect(false, [
      JSON.stringify({ level: 30, time: 0, msg: 'bot ready', guilds: 2, user: 'Zoryx Bot' }),
      'a plain line from console.log',
    ]);
    expect(out).toEqual([
      expect.stringMatching(/INFO {2}bot ready guilds=2 user="Zoryx Bot"$/),
      'a plain line from console.log',
    ]);
  });

  it('collapses an uncaught-error dump around a coded error into one line', () => {
    const dump = [
      'file:///bot/node_modules/@zoryx/framework/dist/index.js:120',
      '    throw new FrameworkError(code, message);',
      '          ^',
      '',
      'FrameworkError: config.json is invalid: "prefx" is not a setting',
      '    at loadConfig (file:///bot/node_modules/@zoryx/framework/dist/index.js:120:11)',
      '    at async createBot (file:///bot/node_modules/@zoryx/framework/dist/index.js:300:3) {',
      "  code: 'ZRX_CONFIG_INVALID',",
      "  hint: 'Fix the key in config.json.'",
      '}',
      '',
      'Node.js v20.19.0',
    ];
    expect(collect(false, dump)).toEqual([
      expect.stringMatching(
        /ERROR ZRX_CONFIG_INVALID config.json is invalid: "prefx" is not a setting\n {4}hint: Fix the key in config.json.$/,
      ),
    ]);
  });

  it('names a refused token ZRX_TOKEN_INVALID and no network ZRX_DISCORD_UNREACHABLE', () => {
    const token = collect(false, [
      '/bot/node_modules/discord.js/src/client/Client.js:215',
      '      throw new DiscordjsError(ErrorCodes.TokenInvalid);',
      'Error [TokenInvalid]: An invalid token was provided.',
      '    at Client.login (/bot/node_modules/discord.js/src/client/Client.js:215:13) {',
      "  code: 'TokenInvalid'",
      '}',
      'Node.js v22.0.0',
    ]);
    expect(token).toHaveLength(1);
    expect(token[0]).toMatch(/ERROR ZRX_TOKEN_INVALID Discord refused the bot token/);
    expect(token[0]).toContain('hint: ');
    const offline = formatPinoLine(
      JSON.stringify({
        level: 60,
        time: 0,
        msg: 'login failed',
        err: { type: 'Error', message: 'getaddrinfo ENOTFOUND discord.com', code: 'ENOTFOUND' },
      }),
      plain,
    );
    expect(offline).toMatch(/FATAL ZRX_DISCORD_UNREACHABLE Discord cannot be reached/);
    expect(startupCodeOf('connect ECONNREFUSED 127.0.0.1:443')).toBe('ZRX_DISCORD_UNREACHABLE');
    expect(startupCodeOf('a different failure')).toBeNull();
  });
});
