import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';
import { CliError } from './errors.js';

function usageError(argv: string[]): CliError {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('ZRX_CLI_USAGE');
    return error as CliError;
  }
  throw new Error(`parseCliArgs(${argv.join(' ')}) did not throw`);
}

describe('parseCliArgs', () => {
  it('parses zoryx dev with its defaults and with every option', () => {
    expect(parseCliArgs(['dev'])).toEqual({
      command: 'dev',
      offline: undefined,
      cwd: '.',
      script: undefined,
      entry: undefined,
      user: undefined,
      replyTimeoutMs: undefined,
    });
    expect(
      parseCliArgs([
        'dev',
        '--offline',
        '--cwd',
        'bot',
        '--script',
        'demo.txt',
        '--entry',
        'src/main.ts',
        '--user',
        'sam',
        '--reply-timeout',
        '9000',
      ]),
    ).toEqual({
      command: 'dev',
      offline: true,
      cwd: 'bot',
      script: 'demo.txt',
      entry: 'src/main.ts',
      user: 'sam',
      replyTimeoutMs: 9000,
    });
  });

  it('parses zoryx new extension <name> [--cwd]', () => {
    expect(parseCliArgs(['new', 'extension', 'tickets', '--cwd', 'bot'])).toEqual({
      command: 'new-extension',
      name: 'tickets',
      cwd: 'bot',
    });
  });

  it('parses --help and --version', () => {
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['dev', '-h'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['-v'])).toEqual({ command: 'version' });
  });

  it('refuses what it does not understand, naming it', () => {
    expect(usageError(['--cwd', 'bot']).message).toBe('No command given.');
    expect(usageError(['stop']).message).toBe('Unknown command "stop".');
    expect(usageError(['start', 'now']).message).toContain('"now"');
    expect(usageError(['start', '--offline']).message).toContain('zoryx dev only');
    expect(usageError(['dev', '--no-supervise']).message).toContain('zoryx start only');
    expect(usageError(['dev', '--ofline']).message).toContain('--ofline');
    expect(usageError(['dev', '--cwd']).message).toContain('--cwd');
    expect(usageError(['dev', 'now']).message).toContain('"now"');
    expect(usageError(['dev', '--reply-timeout', 'soon']).message).toContain('"soon"');
    expect(usageError(['new']).message).toContain('nothing');
    expect(usageError(['new', 'widget', 'x']).message).toContain('"widget"');
    expect(usageError(['new', 'extension']).message).toContain('needs a name');
    expect(usageError(['new', 'extension', 'a', 'b']).message).toContain('"b"');
    expect(usageError(['new', 'extension', 'a', '--offline']).message).toContain('--offline');
  });

  it('parses zoryx start: supervised unless --no-supervise', () => {
    expect(parseCliArgs(['start'])).toEqual({
      command: 'start',
      cwd: '.',
      supervise: undefined,
      role: 'all',
    });
    expect(parseCliArgs(['start', '--cwd', 'bot', '--no-supervise'])).toEqual({
      command: 'start',
      cwd: 'bot',
      supervise: false,
      role: 'all',
    });
  });

  it('parses zoryx start --role: gateway, worker or all, on start only', () => {
    expect(parseCliArgs(['start', '--role', 'gateway'])).toMatchObject({ role: 'gateway' });
    expect(parseCliArgs(['start', '--role', 'worker'])).toMatchObject({ role: 'worker' });
    expect(usageError(['start', '--role', 'shard']).message).toContain('gateway, worker or all');
    expect(usageError(['dev', '--role', 'worker']).message).toContain('zoryx start only');
  });
});
