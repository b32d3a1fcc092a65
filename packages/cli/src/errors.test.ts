import { describe, expect, it } from 'vitest';
import { CliError, cliErrorCatalogue } from './errors.js';

describe('cliErrorCatalogue', () => {
  it('gives every ZRX_CLI_* code a meaning and a default hint', () => {
    for (const [code, entry] of Object.entries(cliErrorCatalogue)) {
      // The two login failures keep the names bots' logs and docs use across Zoryx.
      expect(code).toMatch(/^ZRX_(CLI_[A-Z0-9_]+|TOKEN_INVALID|DISCORD_UNREACHABLE)$/);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.hint.trim()).not.toBe('');
    }
  });

  it('supplies the hint of a CliError thrown without one; a specific hint wins', () => {
    expect(new CliError('ZRX_CLI_USAGE', 'unknown command "nwe"').hint).toBe(
      cliErrorCatalogue.ZRX_CLI_USAGE.hint,
    );
    expect(new CliError('ZRX_CLI_USAGE', 'unknown command "nwe"', 'Did you mean new?').hint).toBe(
      'Did you mean new?',
    );
  });
});
