import * as fs from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type Workspace, workspace } from '../test/helpers.js';
import { resolveAsImport } from './import-resolution.js';
import { compileExtension, evaluateModule } from './module-compiler.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

/** Writes files relative to the workspace root (where `node_modules` lives). */
async function files(root: string, entries: Record<string, string>): Promise<void> {
  for (const [relative, content] of Object.entries(entries)) {
    const file = join(root, relative);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/**
 * A dual package like `@zoryx/builtins`: `import` → ESM files, `require` → CommonJS files, each
 * exporting its own identity object, so which build a module got is visible.
 */
function dualPackage(dir: string, name: string): Record<string, string> {
  const manifest = {
    name,
    version: '1.0.0',
    exports: {
      '.': { import: './esm/index.mjs', require: './cjs/index.cjs' },
      './sub': { import: './esm/sub.mjs', require: './cjs/sub.cjs' },
      './features/*': { import: './esm/features/*.mjs', require: './cjs/features/*.cjs' },
    },
  };
  return {
    [`${dir}/package.json`]: JSON.stringify(manifest),
    [`${dir}/esm/index.mjs`]:
      "export const identity = { build: 'esm' };\nexport default { main: identity };\n",
    [`${dir}/cjs/index.cjs`]:
      "exports.identity = { build: 'cjs' };\nexports.default = { main: exports.identity };\n",
    [`${dir}/esm/sub.mjs`]: "export const identity = { build: 'esm-sub' };\n",
    [`${dir}/cjs/sub.cjs`]: "exports.identity = { build: 'cjs-sub' };\n",
    [`${dir}/esm/features/flag.mjs`]: "export const identity = { build: 'esm-flag' };\n",
    [`${dir}/cjs/features/flag.cjs`]: "exports.identity = { build: 'cjs-flag' };\n",
  };
}

/** What the host sees: Node's own ESM `import` of a file (how the framework imports packages). */
function hostImport(file: string): Promise<{ identity: object; default?: unknown }> {
  return import(pathToFileURL(file).href);
}

async function run<T>(entry: string, name: string): Promise<T> {
  return evaluateModule(await compileExtension(entry, name), name) as T;
}

interface Identities {
  identity: object;
  main: object;
  sub: object;
  flag: object;
}

const IMPORTS_DUAL = (pkg: string) => `import dual, { identity } from '${pkg}';
import { identity as sub } from '${pkg}/sub';
import { identity as flag } from '${pkg}/features/flag';
export default { identity, main: dual.main, sub, flag };
`;

describe('bare imports resolve like an ESM import from the extension folder', () => {
  it('gives an extension the host’s instance of a dual ESM/CommonJS package', async () => {
    ws = await workspace();
    await files(ws.root, dualPackage('node_modules/@acme/dual', '@acme/dual'));
    const pkg = join(ws.root, 'node_modules/@acme/dual');
    const host = await hostImport(join(pkg, 'esm/index.mjs'));
    const entry = await ws.write('uses-dual/index.ts', IMPORTS_DUAL('@acme/dual'));

    const { default: ext } = await run<{ default: Identities }>(entry, 'uses-dual');

    // Before: require('@acme/dual') picked cjs/index.cjs, a second copy of the package.
    expect(ext.identity).toEqual({ build: 'esm' });
    expect(ext.identity).toBe(host.identity);
    expect(ext.main).toBe(host.identity);
    expect(ext.identity).not.toBe(createRequire(entry)('@acme/dual').identity);
    // Subpath exports and subpath patterns too.
    expect(ext.sub).toBe((await hostImport(join(pkg, 'esm/sub.mjs'))).identity);
    expect(ext.flag).toBe((await hostImport(join(pkg, 'esm/features/flag.mjs'))).identity);
  });

  it('shares the instance through a symlinked package folder (pnpm’s layout)', async () => {
    ws = await workspace();
    await files(ws.root, dualPackage('node_modules/.pnpm/dual@1.0.0/node_modules/dual', 'dual'));
    const real = join(ws.root, 'node_modules/.pnpm/dual@1.0.0/node_modules/dual');
    await symlink(real, join(ws.root, 'node_modules/dual'), 'dir');
    const host = await hostImport(join(ws.root, 'node_modules/dual/esm/index.mjs'));
    const entry = await ws.write('linked.ts', IMPORTS_DUAL('dual'));

    const { default: ext } = await run<{ default: Identities }>(entry, 'linked');

    expect(ext.identity).toBe(host.identity);
    expect(ext.sub).toEqual({ build: 'esm-sub' });
  });

  it('still loads CommonJS-only packages: `main` only, or an exports map without `import`', async () => {
    ws = await workspace();
    await files(ws.root, {
      'node_modules/legacy/package.json': JSON.stringify({ name: 'legacy', main: 'lib/main.js' }),
      'node_modules/legacy/lib/main.js': "exports.kind = 'legacy-main';\n",
      'node_modules/legacy/lib/extra.js': "exports.kind = 'legacy-extra';\n",
      'node_modules/require-only/package.json': JSON.stringify({
        name: 'require-only',
        exports: { '.': { require: './index.cjs' } },
      }),
      'node_modules/require-only/index.cjs': "exports.kind = 'require-only';\n",
    });
    const entry = await ws.write(
      'cjs.ts',
      `import { kind as main } from 'legacy';
import { kind as extra } from 'legacy/lib/extra';
import { kind as requireOnly } from 'require-only';
export default { main, extra, requireOnly };
`,
    );

    const { default: ext } = await run<{ default: Record<string, string> }>(entry, 'cjs');

    expect(ext).toEqual({
      main: 'legacy-main',
      extra: 'legacy-extra',
      requireOnly: 'require-only',
    });
    expect(createRequire(entry)('legacy').kind).toBe('legacy-main');
  });

  it('answers Node builtins with the host’s modules', async () => {
    ws = await workspace();
    const entry = await ws.write(
      'builtins.ts',
      "import * as a from 'node:fs';\nimport * as b from 'fs';\nexport default { a: a.readFileSync, b: b.readFileSync };\n",
    );
    const { default: ext } = await run<{ default: { a: unknown; b: unknown } }>(entry, 'builtins');
    expect(ext.a).toBe(fs.readFileSync);
    expect(ext.b).toBe(fs.readFileSync);
  });

  it('keeps sharedModules first: a mapped id never reaches node_modules', async () => {
    ws = await workspace();
    await files(ws.root, dualPackage('node_modules/dual', 'dual'));
    const entry = await ws.write('mapped.ts', "export { identity } from 'dual';\n");
    const fromHost = { identity: { build: 'shared-map' } };
    const mod = evaluateModule(await compileExtension(entry, 'mapped'), 'mapped', {
      sharedModules: new Map([['dual', fromHost]]),
    }) as { identity: object };
    expect(mod.identity).toBe(fromHost.identity);
  });

  it('uses the CommonJS build when the ESM one has top-level await (require cannot run it)', async () => {
    ws = await workspace();
    await files(ws.root, {
      'node_modules/tla/package.json': JSON.stringify({
        name: 'tla',
        exports: { import: './index.mjs', require: './index.cjs' },
      }),
      'node_modules/tla/index.mjs': "await Promise.resolve();\nexport const build = 'esm';\n",
      'node_modules/tla/index.cjs': "exports.build = 'cjs';\n",
    });
    const entry = await ws.write('tla.ts', "export { build } from 'tla';\n");
    const compiled = await compileExtension(entry, 'tla');
    expect((evaluateModule(compiled, 'tla') as { build: string }).build).toBe('cjs');
    expect((evaluateModule(compiled, 'tla') as { build: string }).build).toBe('cjs');
  });
});

describe('resolveAsImport', () => {
  it('picks the import target by the map’s key order and caches per folder and specifier', async () => {
    ws = await workspace();
    await files(ws.root, {
      'node_modules/ordered/package.json': JSON.stringify({
        name: 'ordered',
        exports: {
          '.': { types: './index.d.ts', node: { import: './node.mjs' }, default: './any.js' },
          './missing': null,
        },
      }),
    });
    const pkg = join(ws.root, 'node_modules/ordered');
    expect(resolveAsImport('ordered', ws.extensions)).toBe(join(pkg, 'node.mjs'));
    // An explicitly unexported subpath is left to CommonJS resolution (which reports it).
    expect(resolveAsImport('ordered/missing', ws.extensions)).toBeNull();

    await rm(pkg, { recursive: true });
    expect(resolveAsImport('ordered', ws.extensions)).toBe(join(pkg, 'node.mjs'));
    expect(resolveAsImport('ordered', join(ws.extensions, 'other'))).toBeNull();
  });

  it('leaves builtins, relative paths, #imports and unknown packages to CommonJS resolution', async () => {
    ws = await workspace();
    for (const specifier of ['node:fs', 'fs/promises', './local', '../up', '/abs', '#internal']) {
      expect(resolveAsImport(specifier, ws.extensions)).toBeNull();
    }
    expect(resolveAsImport('not-installed-anywhere-zoryx', ws.extensions)).toBeNull();
  });
});
