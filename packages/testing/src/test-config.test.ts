import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeTestConfig, mergeConfig, readFolderConfig } from './test-config.js';

describe('mergeConfig', () => {
  it('merges objects key by key and replaces arrays and scalars', () => {
    const merged = mergeConfig(
      {
        prefix: '!',
        owners: ['100000000000000001'],
        logging: { level: 'info', dir: 'logs' },
        extensions: { packages: ['a'], config: { shop: { currency: 'coins', tax: 1 } } },
      },
      {
        owners: ['100000000000000002'],
        logging: { level: 'debug' },
        extensions: { packages: ['b'], config: { shop: { tax: 2 } } },
      },
    );
    expect(merged).toEqual({
      prefix: '!',
      owners: ['100000000000000002'],
      logging: { level: 'debug', dir: 'logs' },
      extensions: { packages: ['b'], config: { shop: { currency: 'coins', tax: 2 } } },
    });
  });

  it('keeps the base value where the override is undefined, and does not change its inputs', () => {
    const base = { logging: { level: 'info' as const } };
    const merged = mergeConfig(base, { logging: { level: undefined, file: false } });
    expect(merged).toEqual({ logging: { level: 'info', file: false } });
    expect(base).toEqual({ logging: { level: 'info' } });
  });
});

describe('composeTestConfig', () => {
  it('layers file < test defaults < overrides, adds owners and packages, and forces data.dir', () => {
    const config = composeTestConfig({
      file: {
        autoReload: true,
        owners: ['100000000000000001'],
        logging: { file: true, level: 'warn' },
        data: { dir: 'data' },
        extensions: { packages: ['@zoryx/builtins/core'] },
      },
      overrides: { components: { statusRotation: true } },
      owners: ['100000000000000009'],
      packages: ['@zoryx/builtins/core', '@zoryx/builtins/limits'],
      dataDir: '/tmp/zoryx-test-data',
    });
    expect(config).toEqual({
      autoReload: false,
      owners: ['100000000000000001', '100000000000000009'],
      logging: { file: false, level: 'warn' },
      data: { dir: '/tmp/zoryx-test-data' },
      components: { statusRotation: true },
      extensions: { packages: ['@zoryx/builtins/core', '@zoryx/builtins/limits'] },
    });
  });
});

describe('readFolderConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zoryx-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is {} for a folder without config.json, which it does not create', async () => {
    expect(await readFolderConfig(dir)).toEqual({});
  });

  it('returns the file as written, without defaults', async () => {
    await writeFile(join(dir, 'config.json'), '{ "prefix": "?" }');
    expect(await readFolderConfig(dir)).toEqual({ prefix: '?' });
  });

  it("throws the framework's coded error for an invalid file", async () => {
    await writeFile(join(dir, 'config.json'), '{ "prefix": "?", }');
    await expect(readFolderConfig(dir)).rejects.toMatchObject({ code: 'ZRX_CONFIG_JSON' });
    await writeFile(join(dir, 'config.json'), '{ "prefx": "?" }');
    await expect(readFolderConfig(dir)).rejects.toMatchObject({ code: 'ZRX_CONFIG_INVALID' });
  });
});
