import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extensionSource, probe, testHost, type Workspace, workspace } from '../test/helpers.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

const greeter = (greeting: string) =>
  extensionSource({ name: 'greeter', setup: `probe.calls.push(${JSON.stringify(greeting)});` });
const other = extensionSource({ name: 'other', setup: "probe.calls.push('other');" });

async function precompileThenBoot(
  w: Workspace,
  options = {},
  between = async (_calls: string[]) => {},
) {
  const calls = probe().calls;
  const { host } = testHost(w, options);
  await host.precompile();
  await between(calls);
  const report = await host.boot();
  await host.close();
  return { report, greetings: calls.filter((c) => !c.includes(':')).sort() };
}

describe('ExtensionHost.precompile', () => {
  it('runs no extension code; boot still serves a file saved after it', async () => {
    ws = await workspace();
    await ws.write('greeter.ts', greeter('hello'));
    await ws.write('other.ts', other);
    const { report, greetings } = await precompileThenBoot(ws, {}, async (calls) => {
      expect(calls).toEqual([]);
      await ws?.write('greeter.ts', greeter('saved-later'));
    });
    expect([...report.loaded].sort()).toEqual(['greeter', 'other']);
    expect(greetings).toEqual(['other', 'saved-later']);
  });

  it('serves bundles from the compile cache', async () => {
    ws = await workspace();
    const cacheDir = join(ws.root, 'cache');
    await ws.write('greeter.ts', greeter('hello'));
    await ws.write('other.ts', other);
    expect((await precompileThenBoot(ws, { compileCacheDir: cacheDir })).greetings).toEqual([
      'hello',
      'other',
    ]);
    for (const name of await readdir(cacheDir)) {
      const file = join(cacheDir, name);
      await writeFile(file, (await readFile(file, 'utf8')).replace('\\"hello\\"', '\\"cached\\"'));
    }
    expect((await precompileThenBoot(ws, { compileCacheDir: cacheDir })).greetings).toEqual([
      'cached',
      'other',
    ]);
  });
});
