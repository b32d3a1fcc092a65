import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { compileExtension } from '@zoryx/loader';
import { type ExtensionManifest, resolve } from '@zoryx/resolver';

/** What the sandbox read from a package's entry. */
export type SandboxResult =
  | { readonly ok: true; readonly manifest: ExtensionManifest & { readonly description?: string } }
  | { readonly ok: false; readonly reason: string };

/**
 * Evaluated INSIDE the sandbox's own realm: the `require` the bundle sees, and the JSON of its
 * default export. Built from source text so that no function or object of the host realm is
 * reachable from the package's code (a host `require` or `process` would let it out).
 */
const SANDBOX_PRELUDE = `
const stub = new Proxy(function () {}, {
  get: (t, key) => (key === 'prototype' ? {} : key === Symbol.toPrimitive ? () => '' : stub),
  apply: () => stub,
  construct: () => ({}),
});
const identity = (definition) => definition;
const zoryx = new Proxy({ defineExtension: identity, defineCommand: identity,
  defineComponent: (d) => ({ ...d, customId: () => '' }), __esModule: true }, {
  get: (t, key) => (key in t ? t[key] : stub),
});
globalThis.require = (id) => (id === '@zoryx/framework' || id === '@zoryx/loader' ? zoryx : stub);
globalThis.readManifest = () => {
  const exported = module.exports && module.exports.__esModule ? module.exports.default : module.exports;
  const d = exported && typeof exported === 'object' && exported.default && typeof exported.default === 'object' && !('name' in exported) ? exported.default : exported;
  if (!d || typeof d !== 'object') return JSON.stringify({ error: 'the entry has no default export object' });
  const pick = (v) => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter((e) => typeof e[1] === 'string')) : undefined);
  return JSON.stringify({ name: d.name, version: d.version, description: typeof d.description === 'string' ? d.description : undefined,
    dependencies: pick(d.dependencies), optionalDependencies: pick(d.optionalDependencies), conflicts: pick(d.conflicts),
    hasSetup: typeof d.setup === 'function' || d.setup === undefined });
};
`;

/** A name → range record read back from the sandbox's JSON (non-strings dropped). */
function ranges(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** The entry file of an unpacked package: `exports['.']` (import/default), else `main`, else index.js. */
export async function packageEntry(dir: string): Promise<string> {
  const pkg: { exports?: unknown; main?: unknown; module?: unknown } = JSON.parse(
    await readFile(join(dir, 'package.json'), 'utf8'),
  );
  const pickTarget = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (typeof value !== 'object' || value === null) return undefined;
    const map = value as Record<string, unknown>;
    if ('.' in map) return pickTarget(map['.']);
    for (const key of ['import', 'node', 'default', 'require']) {
      const found = pickTarget(map[key]);
      if (found && !found.endsWith('.d.ts')) return found;
    }
    return undefined;
  };
  const target =
    pickTarget(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : undefined) ?? 'index.js';
  return join(dir, target);
}

/**
 * Reads an unpacked package's extension manifest WITHOUT running its setup and without giving
 * its code anything of the bot or the machine: the entry is bundled with the loader's own
 * compiler (esbuild: parsing only), then its top-level code runs in a fresh V8 context that has
 * no `process`, no real `require`, no timers, and a 1 s limit; every import is a stub (the
 * Zoryx helpers return their argument, so `export default defineExtension({...})` yields the
 * definition). Only the manifest's plain fields cross back, as JSON; `setup` is never called.
 * The manifest is then validated by `@zoryx/resolver` (name, semver version, ranges).
 *
 * @remarks Why not a static read of the source: a manifest often computes its fields (a
 * version read from a constant, spread objects). Why not a worker with the real framework:
 * the package's imports would run for real. A stubbed throwaway realm sits between the two.
 */
export async function readManifestSandboxed(
  dir: string,
  expectedName: string,
): Promise<SandboxResult> {
  let code: string;
  try {
    code = (await compileExtension(await packageEntry(dir), expectedName)).code;
  } catch (error) {
    return { ok: false, reason: `its entry does not compile: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = runInNewContext(
      `const module = { exports: {} }; const exports = module.exports;
      ${SANDBOX_PRELUDE}
      (function (exports, require, module, __filename, __dirname, __zoryx_meta) { ${code}
      })(exports, globalThis.require, module, '/sandbox/index.js', '/sandbox', { url: 'file:///sandbox/index.js', filename: '/sandbox/index.js', dirname: '/sandbox' });
      readManifest();`,
      Object.create(null),
      { timeout: 1_000, microtaskMode: 'afterEvaluate', filename: 'zoryx-manifest-sandbox.js' },
    );
  } catch (error) {
    return {
      ok: false,
      reason: `its top-level code threw in the sandbox: ${String((error as Error)?.message ?? error)}`,
    };
  }
  const read: Record<string, unknown> = typeof json === 'string' ? JSON.parse(json) : {};
  if (typeof read.error === 'string') return { ok: false, reason: read.error };
  if (typeof read.name !== 'string' || typeof read.version !== 'string') {
    return { ok: false, reason: 'its default export has no string `name` and `version`' };
  }
  const dependencies = ranges(read.dependencies);
  const optionalDependencies = ranges(read.optionalDependencies);
  const conflicts = ranges(read.conflicts);
  const manifest: ExtensionManifest = {
    name: read.name,
    version: read.version,
    ...(dependencies ? { dependencies } : {}),
    ...(optionalDependencies ? { optionalDependencies } : {}),
    ...(conflicts ? { conflicts } : {}),
  };
  const plan = resolve([manifest], {
    enforceDependencies: false,
    enforceConflicts: false,
  });
  const invalid = plan.problems.find((p) => p.code === 'ZRX_MANIFEST_INVALID');
  if (invalid) return { ok: false, reason: invalid.message };
  if (read.hasSetup === false) return { ok: false, reason: '`setup` is not a function' };
  if (read.name !== expectedName) {
    return {
      ok: false,
      reason: `its definition is named "${String(read.name)}", but an extension package must be named like its package ("${expectedName}")`,
    };
  }
  return {
    ok: true,
    manifest:
      typeof read.description === 'string'
        ? { ...manifest, description: read.description }
        : manifest,
  };
}
