import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authFor, readRegistryConfig, registryFor } from './npm-config.js';
import { parseSpec } from './registry-client.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-npmrc-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readRegistryConfig', () => {
  it('layers ~/.npmrc, the bot folder .npmrc and npm_config_* like npm', async () => {
    await writeFile(
      join(dir, 'user-npmrc'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: npm's own ${VAR} syntax, expanded by the reader
      'registry=https://mirror.example/\n//mirror.example/:_authToken=${TOKEN}\n',
    );
    await writeFile(join(dir, '.npmrc'), '@acme:registry=https://npm.acme.test/\n# comment\n');
    const env = { npm_config_userconfig: join(dir, 'user-npmrc'), TOKEN: 'secret' };
    const config = await readRegistryConfig(dir, env);
    expect(config.registry).toBe('https://mirror.example');
    expect(registryFor(config, '@acme/zoryx-x')).toBe('https://npm.acme.test');
    expect(registryFor(config, 'zoryx-x')).toBe('https://mirror.example');
    expect(authFor(config, 'https://mirror.example/zoryx-x')).toBe('Bearer secret');
    expect(authFor(config, 'https://npm.acme.test/@acme%2fzoryx-x')).toBeUndefined();

    const overridden = await readRegistryConfig(dir, {
      ...env,
      npm_config_registry: 'http://127.0.0.1:4873/',
    });
    expect(overridden.registry).toBe('http://127.0.0.1:4873');
  });
});

describe('parseSpec', () => {
  it('splits names and ranges, scoped ones included, and refuses anything else', () => {
    expect(parseSpec('zx-a')).toEqual({ name: 'zx-a', range: undefined });
    expect(parseSpec('zx-a@^1.2')).toEqual({ name: 'zx-a', range: '^1.2' });
    expect(parseSpec('@acme/zx-a@1.0.0')).toEqual({ name: '@acme/zx-a', range: '1.0.0' });
    expect(() => parseSpec('Bad Name')).toThrow(
      expect.objectContaining({ code: 'ZRX_MARKET_INVALID_SPEC' }),
    );
    expect(() => parseSpec('zx-a@not a range!')).toThrow(
      expect.objectContaining({ code: 'ZRX_MARKET_INVALID_SPEC' }),
    );
  });
});
