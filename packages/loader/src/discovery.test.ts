import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Workspace, workspace } from '../test/helpers.js';
import { discoverExtensions, findExtensionSource } from './discovery.js';
import { LoaderError } from './errors.js';
import { normaliseExtensionName } from './names.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

describe('normaliseExtensionName', () => {
  it('turns whitespace into "-" and leaves other characters for validation', () => {
    expect(normaliseExtensionName('leveling system')).toEqual({
      name: 'leveling-system',
      changed: true,
      valid: true,
    });
    expect(normaliseExtensionName('economy')).toEqual({
      name: 'economy',
      changed: false,
      valid: true,
    });
    expect(normaliseExtensionName('Music').valid).toBe(false);
    expect(normaliseExtensionName('a/b').valid).toBe(false);
  });
});

describe('discoverExtensions', () => {
  it('finds folder and file extensions in TS and JS, ignoring helpers, tests and declarations', async () => {
    ws = await workspace();
    await ws.write('economy/index.ts', '');
    await ws.write('music/index.js', '');
    await ws.write('greeter.ts', '');
    await ws.write('legacy.js', '');
    await ws.write('notes.md', '');
    await ws.write('types.d.ts', '');
    await ws.write('greeter.test.ts', '');
    await ws.write('_shared/index.ts', '');
    await ws.write('.hidden.ts', '');
    await ws.write('empty-folder/readme.txt', '');
    const { sources, issues } = await discoverExtensions({ directory: ws.extensions });
    expect(sources.map((s) => [s.name, s.kind])).toEqual([
      ['economy', 'folder'],
      ['greeter', 'file'],
      ['legacy', 'file'],
      ['music', 'folder'],
    ]);
    expect(sources.find((s) => s.name === 'music')?.entry).toBe(
      join(ws.extensions, 'music/index.js'),
    );
    expect(issues).toEqual([]);
  });

  it('normalises names with a warning, skips the blacklist and reports duplicates', async () => {
    ws = await workspace();
    await ws.write('leveling system/index.ts', '');
    await ws.write('economy/index.ts', '');
    await ws.write('economy.ts', '');
    await ws.write('spam.ts', '');
    const { sources, issues } = await discoverExtensions({
      directory: ws.extensions,
      blacklist: ['spam'],
    });
    expect(sources.map((s) => s.name)).toEqual(['economy', 'leveling-system']);
    expect(sources[0]?.entry).toBe(join(ws.extensions, 'economy/index.ts'));
    const byCode = Object.fromEntries(issues.map((i) => [i.code, i]));
    expect(byCode.ZRX_EXT_DISCOVERY?.message).toContain('"leveling system"');
    expect(byCode.ZRX_EXT_DISCOVERY?.severity).toBe('warning');
    expect(byCode.ZRX_EXT_BLACKLISTED?.extension).toBe('spam');
    expect(byCode.ZRX_EXT_DUPLICATE?.message).toContain(join(ws.extensions, 'economy.ts'));
  });

  it('resolves listed npm packages from node_modules and reports missing ones', async () => {
    ws = await workspace();
    const pkg = join(ws.root, 'node_modules', '@acme', 'zoryx-weather');
    await mkdir(pkg, { recursive: true });
    await writeFile(
      join(pkg, 'package.json'),
      JSON.stringify({ name: '@acme/zoryx-weather', main: 'main.js' }),
    );
    await writeFile(join(pkg, 'main.js'), 'module.exports = {};');
    const { sources, issues } = await discoverExtensions({
      packages: ['@acme/zoryx-weather', 'not-installed-anywhere'],
      resolveFrom: ws.root,
    });
    expect(sources).toEqual([
      { name: 'zoryx-weather', entry: join(pkg, 'main.js'), kind: 'package' },
    ]);
    expect(issues.map((i) => [i.code, i.extension])).toEqual([
      ['ZRX_EXT_NOT_FOUND', 'not-installed-anywhere'],
    ]);
  });

  it('a missing folder means no extensions; findExtensionSource names what it looked for', async () => {
    expect(await discoverExtensions({ directory: '/definitely/not/here' })).toEqual({
      sources: [],
      issues: [],
    });
    const error = await findExtensionSource('ghost', { directory: '/definitely/not/here' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(LoaderError);
    expect(error.code).toBe('ZRX_EXT_NOT_FOUND');
    expect(error.message).toContain('"ghost"');
  });
});
