import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';
import { closest } from './did-you-mean.js';
import { CliError } from './errors.js';

function messageOf(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as CliError).message;
  }
  throw new Error(`parseCliArgs(${argv.join(' ')}) did not throw`);
}

describe('did you mean', () => {
  it('picks the closest candidate only when it is a plausible typo', () => {
    expect(closest('ofline', ['offline', 'cwd', 'entry'])).toBe('offline');
    expect(closest('verbsoe', ['verbose', 'version'])).toBe('verbose');
    expect(closest('banana', ['offline', 'cwd'])).toBeUndefined();
  });

  it('suggests the option, the command and the kind a user meant', () => {
    expect(messageOf(['dev', '--ofline'])).toBe('Unknown option --ofline. Did you mean --offline?');
    expect(messageOf(['dve'])).toBe('Unknown command "dve". Did you mean "zoryx dev"?');
    expect(messageOf(['new', 'comand', 'x'])).toContain('Did you mean "command"?');
    expect(messageOf(['dev', '--frobnicate'])).toBe('Unknown option --frobnicate.');
  });

  it('answers `zoryx` alone with the usage, and parses the generators and --verbose', () => {
    expect(parseCliArgs([])).toEqual({ command: 'help' });
    expect(parseCliArgs(['new', 'command', 'roll', '--extension', 'dice'])).toEqual({
      command: 'new-piece',
      kind: 'command',
      name: 'roll',
      extension: 'dice',
      cwd: '.',
    });
    expect(parseCliArgs(['dev', '--verbose'])).toMatchObject({ command: 'dev', verbose: true });
  });
});
