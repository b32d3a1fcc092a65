import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootBundleFolder, rawDataDir } from './boot-bundle-folder.js';
import { watchedFiles } from './build-boot-bundle.js';
import { toAscii } from './bundle-script.js';

describe('bootBundleFolder', () => {
  it('is <data>/cache/boot of the bot folder by default', () => {
    expect(bootBundleFolder('/bot', undefined, {})).toBe(resolve('/bot/data/cache/boot'));
    expect(bootBundleFolder('/bot', 'state', {})).toBe(resolve('/bot/state/cache/boot'));
  });

  it('is off by ZORYX_BOOT_BUNDLE=off (or 0, false, no) or by the caller; a path moves it', () => {
    for (const off of ['off', 'OFF', '0', 'false', 'no']) {
      expect(bootBundleFolder('/bot', undefined, { ZORYX_BOOT_BUNDLE: off })).toBeUndefined();
    }
    expect(bootBundleFolder('/bot', undefined, {}, false)).toBeUndefined();
    expect(bootBundleFolder('/bot', undefined, { ZORYX_BOOT_BUNDLE: 'cache' })).toBe(
      resolve('/bot/cache'),
    );
    expect(bootBundleFolder('/bot', undefined, { ZORYX_BOOT_BUNDLE: '  ' })).toBe(
      resolve('/bot/data/cache/boot'),
    );
  });

  it("reads data.dir of a config as given, ignoring what isn't a folder name", () => {
    expect(rawDataDir({ data: { dir: 'state' } })).toBe('state');
    expect(rawDataDir({ data: { dir: 3 } })).toBeUndefined();
    expect(rawDataDir({ data: null })).toBeUndefined();
    expect(rawDataDir('nope')).toBeUndefined();
  });
});

describe('watchedFiles', () => {
  it('watches an installed package by its package.json, other files themselves', () => {
    const nm = join('/bot', 'node_modules');
    expect(
      watchedFiles([
        join(nm, 'discord.js', 'src', 'index.js'),
        join(nm, 'discord.js', 'src', 'client', 'Client.js'),
        join(nm, '@sapphire', 'framework', 'dist', 'esm', 'index.mjs'),
        join(nm, '.pnpm', 'ws@8.0.0', 'node_modules', 'ws', 'lib', 'sender.js'),
        join('/repo', 'packages', 'framework', 'dist', 'index.js'),
      ]),
    ).toEqual(
      [
        join(nm, '.pnpm', 'ws@8.0.0', 'node_modules', 'ws', 'package.json'),
        join(nm, '@sapphire', 'framework', 'package.json'),
        join(nm, 'discord.js', 'package.json'),
        join('/repo', 'packages', 'framework', 'dist', 'index.js'),
      ].sort(),
    );
  });
});

describe('toAscii', () => {
  it('escapes what is not ASCII so a regular expression or string means the same', () => {
    const pattern = '[A-Za-zÀ-ÖØ-öø-ÿ]+μ';
    const escaped = toAscii(pattern);
    expect(/[\u0080-\uffff]/.test(escaped)).toBe(false);
    expect(new RegExp(escaped).source).not.toBe(pattern);
    expect(new RegExp(escaped).exec('xÉtéμ')?.[0]).toBe(new RegExp(pattern).exec('xÉtéμ')?.[0]);
    expect(JSON.parse(`"${toAscii('© 🐈')}"`)).toBe('© 🐈');
  });
});
