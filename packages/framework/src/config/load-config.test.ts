import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FrameworkError } from '../errors.js';
import { loadConfig, parseConfigText } from './load-config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('creates config.json with the documented defaults on first run', async () => {
    const path = join(dir, 'nested', 'config.json');
    const { config, created } = await loadConfig({ path });
    expect(created).toBe(true);
    const written = JSON.parse(await readFile(path, 'utf8'));
    expect(written).toEqual(config);
    expect(config.prefix).toBe('!');
    expect(config.mentionPrefix).toBe(true);
    expect(config.autoReload).toBe(true);
    expect(config.cooldowns.default).toEqual({ limit: 3, windowSeconds: 5 });
    expect(config.logging).toMatchObject({ level: 'info', maxFileSizeMb: 10, maxFiles: 5 });
    expect(config.slashLimit).toMatchObject({
      warningThreshold: 90,
      safeLimit: 95,
      maxTopLevel: 100,
    });
    expect(config.extensions).toMatchObject({ dir: 'extensions', autoload: true, blacklist: [] });
    expect(config.status.entries[0]?.text).toContain('{guilds}');
  });

  it('reads an existing file and does not rewrite it', async () => {
    const path = join(dir, 'config.json');
    await writeFile(path, '{ "prefix": "?", "devGuilds": ["123456789012345678"] }');
    const { config, created } = await loadConfig({ path });
    expect(created).toBe(false);
    expect(config.prefix).toBe('?');
    expect(config.devGuilds).toEqual(['123456789012345678']);
    expect(config.cooldowns.default.limit).toBe(3);
    expect(await readFile(path, 'utf8')).toBe(
      '{ "prefix": "?", "devGuilds": ["123456789012345678"] }',
    );
  });

  it('refuses invalid JSON with the file, line and column, and keeps the bytes', async () => {
    const path = join(dir, 'config.json');
    const bad = '{\n  "prefix": "!",\n}\n';
    await writeFile(path, bad);
    const error = await loadConfig({ path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrameworkError);
    expect((error as FrameworkError).code).toBe('ZRX_CONFIG_JSON');
    expect((error as FrameworkError).message).toContain(path);
    expect((error as FrameworkError).message).toMatch(/line 3/);
    expect(await readFile(path, 'utf8')).toBe(bad);
  });

  it('refuses invalid values naming every key path, and keeps the bytes', async () => {
    const path = join(dir, 'config.json');
    const bad = JSON.stringify({
      prefix: 'toolong',
      cooldowns: { default: { limit: 0, windowSeconds: 5 } },
    });
    await writeFile(path, bad);
    const error = (await loadConfig({ path }).catch((e: unknown) => e)) as FrameworkError;
    expect(error.code).toBe('ZRX_CONFIG_INVALID');
    expect(error.message).toContain('"prefix"');
    expect(error.message).toContain('"cooldowns.default.limit"');
    expect(error.message).toContain(path);
    expect(error.hint).toContain('"prefix"');
    expect(await readFile(path, 'utf8')).toBe(bad);
  });

  it('refuses unknown keys so typos surface', () => {
    expect(() => parseConfigText('{"logging":{"levle":"debug"}}')).toThrow(/"logging.levle"/);
  });

  it('accepts an empty object as all defaults', () => {
    expect(parseConfigText('{}').prefix).toBe('!');
  });
});
