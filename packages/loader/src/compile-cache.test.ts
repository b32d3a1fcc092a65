import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extensionSource, probe, testHost, type Workspace, workspace } from '../test/helpers.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

/** An extension whose setup records the greeting it imports from a second local file. */
async function greeter(w: Workspace, greeting: string): Promise<void> {
  await w.write('greeter/greeting.ts', `export const greeting = ${JSON.stringify(greeting)};\n`);
  await w.write(
    'greeter/index.ts',
    extensionSource({
      name: 'greeter',
      top: `import { greeting } from './greeting';`,
      setup: 'probe.calls.push(greeting);',
    }),
  );
}

/** Boots a fresh host with the cache, returns what the extension's setup recorded. */
async function bootOnce(w: Workspace, cacheDir: string): Promise<string[]> {
  const calls = probe().calls;
  const { host } = testHost(w, { compileCacheDir: cacheDir });
  const report = await host.boot();
  expect(report.loaded).toEqual(['greeter']);
  await host.close();
  return calls.filter((c) => !c.includes(':'));
}

/** Rewrites the code of the only cache entry, so a boot that uses it is recognisable. */
async function tamper(cacheDir: string, from: string, to: string): Promise<void> {
  const [name] = await readdir(cacheDir);
  const file = join(cacheDir, name ?? 'missing');
  const entry = JSON.parse(await readFile(file, 'utf8')) as { code: string };
  expect(entry.code).toContain(JSON.stringify(from));
  entry.code = entry.code.replace(JSON.stringify(from), JSON.stringify(to));
  await writeFile(file, JSON.stringify(entry));
}

describe('persisted compile cache', () => {
  it('a second boot runs the cached bundle; changing any input file compiles again', async () => {
    ws = await workspace();
    const cacheDir = join(ws.root, 'data', 'cache');
    await greeter(ws, 'hello');
    expect(await bootOnce(ws, cacheDir)).toEqual(['hello']);
    expect(await readdir(cacheDir)).toHaveLength(1);
    await tamper(cacheDir, 'hello', 'from-cache');
    expect(await bootOnce(ws, cacheDir)).toEqual(['from-cache']);
    // The imported file changes, the entry file does not: still a miss.
    await ws.write('greeter/greeting.ts', `export const greeting = "bonjour";\n`);
    expect(await bootOnce(ws, cacheDir)).toEqual(['bonjour']);
    // …and the fresh bundle replaced the stale entry.
    await tamper(cacheDir, 'bonjour', 'from-cache-2');
    expect(await bootOnce(ws, cacheDir)).toEqual(['from-cache-2']);
  });

  it('a new or changed tsconfig.json next to the code invalidates the entry', async () => {
    ws = await workspace();
    const cacheDir = join(ws.root, 'data', 'cache');
    await greeter(ws, 'hello');
    await bootOnce(ws, cacheDir);
    await tamper(cacheDir, 'hello', 'from-cache');
    await ws.write('greeter/tsconfig.json', '{ "compilerOptions": {} }\n');
    expect(await bootOnce(ws, cacheDir)).toEqual(['hello']);
  });

  it('an unreadable entry is a miss, never an error', async () => {
    ws = await workspace();
    const cacheDir = join(ws.root, 'data', 'cache');
    await greeter(ws, 'hello');
    await bootOnce(ws, cacheDir);
    const [name] = await readdir(cacheDir);
    await writeFile(join(cacheDir, name ?? 'missing'), '{ not json');
    expect(await bootOnce(ws, cacheDir)).toEqual(['hello']);
  });
});
