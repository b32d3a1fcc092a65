import { afterEach, describe, expect, it } from 'vitest';
import { extensionSource, probe, testHost, type Workspace, workspace } from '../test/helpers.js';
import { compileBatch } from './batch-compiler.js';
import { compileExtension, evaluateModule } from './module-compiler.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

async function twoExtensions(w: Workspace): Promise<[string, string]> {
  await w.write('shared/words.ts', `export const word = (n: number): string => 'w' + n;\n`);
  const a = await w.write(
    'alpha/index.ts',
    extensionSource({
      name: 'alpha',
      top: `import { word } from '../shared/words';`,
      setup: 'probe.calls.push(word(1));',
    }),
  );
  const b = await w.write(
    'beta.ts',
    extensionSource({ name: 'beta', setup: "probe.calls.push('b');" }),
  );
  return [a, b];
}

describe('compileBatch', () => {
  it('gives each entry the bundle and input hashes of its own build', async () => {
    ws = await workspace();
    const [a, b] = await twoExtensions(ws);
    const batch = await compileBatch([a, b]);
    expect(batch).toBeDefined();
    for (const entry of [a, b]) {
      const alone = await compileExtension(entry, 'x');
      const together = batch?.get(entry);
      expect(together?.entry).toBe(entry);
      expect(together?.inputs).toEqual(alone.inputs);
      const shared = { sharedModules: new Map([['@zoryx/loader', await import('./index.js')]]) };
      const one = evaluateModule(alone, 'x', shared) as { default: { name: string } };
      const other = evaluateModule(together!, 'x', shared) as { default: { name: string } };
      expect(other.default.name).toBe(one.default.name);
    }
    expect([...(batch?.get(a)?.inputs.keys() ?? [])].some((f) => f.endsWith('words.ts'))).toBe(
      true,
    );
  });

  it('returns undefined when any entry fails, and boot still reports that one with its location', async () => {
    ws = await workspace();
    const [a] = await twoExtensions(ws);
    const broken = await ws.write('broken.ts', 'export default {{\n');
    expect(await compileBatch([a, broken])).toBeUndefined();
    const calls = probe().calls;
    const { host } = testHost(ws);
    const report = await host.boot();
    expect([...report.loaded].sort()).toEqual(['alpha', 'beta']);
    expect(report.failed).toEqual(['broken']);
    expect(host.statusOf('broken')?.lastError?.code).toBe('ZRX_EXT_COMPILE');
    expect(host.statusOf('broken')?.lastError?.message).toMatch(/broken\.ts:1:\d+/);
    expect(calls.filter((c) => !c.includes(':')).sort()).toEqual(['b', 'w1']);
    await host.close();
  });
});
