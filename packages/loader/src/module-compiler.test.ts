import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Workspace, workspace } from '../test/helpers.js';
import { LoaderError } from './errors.js';
import { compileExtension, evaluateModule, isUpToDate } from './module-compiler.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

describe('compileExtension + evaluateModule', () => {
  it('bundles an extension’s own TypeScript files into one module with fresh state per evaluation', async () => {
    ws = await workspace();
    await ws.write(
      'math/helper.ts',
      'export const twice = (n: number): number => n * 2;\nexport let counter = 0;\nexport const bump = () => ++counter;\n',
    );
    const entry = await ws.write(
      'math/index.ts',
      "import { twice, bump } from './helper';\nexport default { name: 'math', version: '1.0.0', twice, bump };\n",
    );
    const compiled = await compileExtension(entry, 'math');
    expect([...compiled.inputs.keys()].sort()).toEqual(
      [join(ws.extensions, 'math/helper.ts'), entry].sort(),
    );
    const first = evaluateModule(compiled, 'math') as {
      default: { twice(n: number): number; bump(): number };
    };
    expect(first.default.twice(21)).toBe(42);
    expect(first.default.bump()).toBe(1);
    expect(first.default.bump()).toBe(2);
    const second = evaluateModule(compiled, 'math') as typeof first;
    expect(second.default.bump()).toBe(1);
  });

  it('compiles plain JavaScript (CommonJS and ESM) and defines import.meta', async () => {
    ws = await workspace();
    const cjs = await ws.write('a.js', "module.exports = { name: 'a', version: '1.0.0' };\n");
    const esm = await ws.write(
      'b.js',
      "export default { name: 'b', url: import.meta.url, dir: import.meta.dirname };\n",
    );
    expect(evaluateModule(await compileExtension(cjs, 'a'), 'a')).toEqual({
      name: 'a',
      version: '1.0.0',
    });
    const b = evaluateModule(await compileExtension(esm, 'b'), 'b') as {
      default: { url: string; dir: string };
    };
    expect(b.default.url).toBe(`file://${esm}`);
    expect(b.default.dir).toBe(ws.extensions);
  });

  it('resolves bare imports from real node_modules next to the extension, not bundled', async () => {
    // a workspace inside this package, so `zod` resolves from packages/loader/node_modules
    ws = await workspace(join(import.meta.dirname, '..', '.tmp'));
    const entry = await ws.write(
      'z.ts',
      "import { z } from 'zod';\nexport default { schema: z.object({ n: z.number() }) };\n",
    );
    const compiled = await compileExtension(entry, 'z');
    expect(compiled.code).toContain('require("zod")');
    const mod = evaluateModule(compiled, 'z') as {
      default: { schema: { parse(v: unknown): unknown } };
    };
    expect(mod.default.schema.parse({ n: 1 })).toEqual({ n: 1 });
  });

  it('answers shared module ids from the map instead of node_modules', async () => {
    ws = await workspace();
    const entry = await ws.write(
      's.ts',
      "import { marker } from 'host-api';\nexport default marker;\n",
    );
    const shared = new Map([['host-api', { marker: 'from-host' }]]);
    const mod = evaluateModule(await compileExtension(entry, 's'), 's', {
      sharedModules: shared,
    }) as {
      default: string;
    };
    expect(mod.default).toBe('from-host');
  });

  it('reports a syntax error as ZRX_EXT_COMPILE with file, line and column', async () => {
    ws = await workspace();
    const entry = await ws.write('broken.ts', 'export default {\n  name: "broken",\n  version: \n');
    const error = await compileExtension(entry, 'broken').catch((e: unknown) => e as LoaderError);
    expect(error).toBeInstanceOf(LoaderError);
    expect((error as LoaderError).code).toBe('ZRX_EXT_COMPILE');
    expect((error as LoaderError).message).toMatch(/broken\.ts:\d+:\d+/);
    expect((error as LoaderError).extension).toBe('broken');
  });

  it('reports a throwing top level as ZRX_EXT_EVALUATE', async () => {
    ws = await workspace();
    const entry = await ws.write('throws.ts', "throw new Error('top-level boom');\n");
    const compiled = await compileExtension(entry, 'throws');
    expect(() => evaluateModule(compiled, 'throws')).toThrow(/top-level boom/);
    try {
      evaluateModule(compiled, 'throws');
    } catch (e) {
      expect((e as LoaderError).code).toBe('ZRX_EXT_EVALUATE');
    }
  });

  it('isUpToDate follows the bytes of every input file', async () => {
    ws = await workspace();
    const helper = await ws.write('m/helper.ts', 'export const v = 1;\n');
    const entry = await ws.write('m/index.ts', "export { v } from './helper';\n");
    const compiled = await compileExtension(entry, 'm');
    expect(await isUpToDate(compiled)).toBe(true);
    await writeFile(helper, 'export const v = 2;\n');
    expect(await isUpToDate(compiled)).toBe(false);
    await writeFile(helper, 'export const v = 1;\n');
    expect(await isUpToDate(compiled)).toBe(true);
  });
});
