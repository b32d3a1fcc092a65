import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unknownConfigKeys } from './config-keys.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-config-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('unknownConfigKeys', () => {
  it('names mistyped settings with the setting they most likely meant, at any depth', async () => {
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        prefx: '!',
        logging: { levle: 'info' },
        extensions: { config: { 'my-own-extension': { anything: 1 } } },
        zzzzzz: true,
      }),
    );
    expect(await unknownConfigKeys(dir)).toEqual([
      'config.json: unknown key "prefx" — did you mean "prefix"?',
      'config.json: unknown key "logging.levle" — did you mean "logging.level"?',
      'config.json: unknown key "zzzzzz"',
    ]);
  });

  it('says nothing about a valid, missing or malformed file', async () => {
    expect(await unknownConfigKeys(dir)).toEqual([]);
    await writeFile(join(dir, 'config.json'), '{ "prefix": "!", }');
    expect(await unknownConfigKeys(dir)).toEqual([]);
    await writeFile(join(dir, 'config.json'), JSON.stringify({ prefix: '?' }));
    expect(await unknownConfigKeys(dir)).toEqual([]);
  });
});
