import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicStore } from '@zoryx/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXTENSION_CONFIG_PATH, ExtensionConfigOverrides } from './extension-config-overrides.js';

describe('ExtensionConfigOverrides (a merge patch per extension, in the bot store)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zoryx-overrides-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores tombstones on disk and applies them over config.json after a reload from the file', async () => {
    const overrides = new ExtensionConfigOverrides(new AtomicStore({ root: dir }));
    await overrides.load();
    await overrides.set('greeter', { greeting: 'Hi', apiKey: null, webhook: { secret: null } });
    const onDisk = JSON.parse(await readFile(join(dir, EXTENSION_CONFIG_PATH), 'utf8'));
    expect(onDisk).toEqual({
      version: 1,
      extensions: { greeter: { greeting: 'Hi', apiKey: null, webhook: { secret: null } } },
    });

    // A new instance (a restart) reads the file; config.json was edited meanwhile.
    const restarted = new ExtensionConfigOverrides(new AtomicStore({ root: dir }));
    await restarted.load();
    const fromFile = {
      greeting: 'Hello',
      apiKey: 'edited-later',
      level: 4,
      webhook: { url: 'https://a', secret: 's' },
    };
    expect(restarted.effective('greeter', fromFile)).toEqual({
      greeting: 'Hi',
      level: 4,
      webhook: { url: 'https://a' },
    });
    expect(restarted.effective('other', fromFile)).toBe(fromFile);
    // No section in config.json: the override alone, tombstones dropped.
    expect(restarted.effective('greeter', undefined)).toEqual({ greeting: 'Hi', webhook: {} });

    await restarted.set('greeter', undefined);
    const cleared = JSON.parse(await readFile(join(dir, EXTENSION_CONFIG_PATH), 'utf8'));
    expect(cleared.extensions).toEqual({});
  });
});
