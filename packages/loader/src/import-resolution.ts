import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { exports as resolveExportsMap } from 'resolve.exports';

/*
 * Why this exists: extension bundles are CommonJS, so a plain `require('pkg')` from them picks a
 * dual package's `require` build, while the host (an ES module) imported its `import` build. Two
 * copies of the same package then live side by side (two Sapphire containers, two discord.js
 * class hierarchies: "Cannot read properties of undefined (reading 'options')"). Resolving the
 * specifier as an ESM `import` would, and `require()`-ing that file, gives the extension the very
 * module instance the host has: on Node >= 20.19 `require(esm)` of a file the ESM loader already
 * evaluated reuses that evaluation.
 *
 * Node exposes no synchronous "resolve as import from this folder" (`import.meta.resolve` takes
 * a parent only behind a flag), so the lookup is done here: find the package folder like Node
 * does, then read its `exports` map with `resolve.exports` (the map semantics: conditions in key
 * order, subpaths, patterns, arrays, null targets). Anything this does not model is left to the
 * CommonJS resolver, which is what ran before.
 */

/**
 * The conditions Node's ESM resolver uses by default, in addition to `default`. `module-sync` is
 * honoured by `import` on the Node versions that can `require(esm)`, so it must be here too or a
 * package mapping it first would resolve to a different file than the host's. Custom
 * `--conditions` flags are not read.
 */
const IMPORT_CONDITIONS = ['node', 'import', 'module-sync', 'node-addons'] as const;

/** folder → specifier → file to require (`null`: use CommonJS resolution of the specifier). */
const resolutions = new Map<string, Map<string, string | null>>();

/**
 * The absolute file an ESM `import specifier` from a module in `folder` resolves to, or `null`
 * when CommonJS resolution of the specifier is the right answer: builtins (`node:fs`), relative
 * and absolute paths, `#imports`, packages without an `exports` map (ESM and CommonJS then both
 * use `main`), packages whose map has no entry for these conditions (a CommonJS-only map) and
 * packages not found in any `node_modules` above `folder`. Cached per (folder, specifier).
 */
export function resolveAsImport(specifier: string, folder: string): string | null {
  let byFolder = resolutions.get(folder);
  if (!byFolder) {
    byFolder = new Map();
    resolutions.set(folder, byFolder);
  }
  let resolved = byFolder.get(specifier);
  if (resolved === undefined) {
    resolved = resolveUncached(specifier, folder);
    byFolder.set(specifier, resolved);
  }
  return resolved;
}

/** Remembers that `specifier` from `folder` must use CommonJS resolution (e.g. a TLA ESM build). */
export function preferCommonJs(specifier: string, folder: string): void {
  resolutions.get(folder)?.set(specifier, null);
}

function resolveUncached(specifier: string, folder: string): string | null {
  const bare = parseBareSpecifier(specifier);
  if (!bare) return null;
  const found = findPackage(bare.name, folder);
  if (!found || found.manifest.exports === undefined) return null;
  let target: string | undefined;
  try {
    target = resolveExportsMap(found.manifest, bare.subpath, {
      conditions: IMPORT_CONDITIONS,
      unsafe: true,
    })?.[0];
  } catch {
    // Not exported for `import` (e.g. a map with only a `require` condition): the CommonJS
    // resolver either finds the `require` target or throws Node's own, familiar error.
    return null;
  }
  return target ? join(found.directory, target) : null;
}

/** `@scope/name/sub/path` → name `@scope/name`, subpath `./sub/path`; `undefined` if not bare. */
function parseBareSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  if (specifier === '' || isBuiltin(specifier)) return undefined;
  if (/^[./#]/.test(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameLength || parts.slice(0, nameLength).some((p) => p === '')) {
    return undefined;
  }
  const rest = parts.slice(nameLength).join('/');
  return { name: parts.slice(0, nameLength).join('/'), subpath: rest ? `./${rest}` : '.' };
}

interface PackageManifest {
  name: string;
  exports?: unknown;
}

/** Walks up from `folder` to the first `node_modules/<name>/package.json`, like Node does. */
function findPackage(
  name: string,
  folder: string,
): { directory: string; manifest: PackageManifest } | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const directory = join(dir, 'node_modules', name);
    const manifest = readManifest(join(directory, 'package.json'));
    if (manifest) return { directory, manifest };
    if (dirname(dir) === dir) return undefined;
  }
}

function readManifest(file: string): PackageManifest | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as PackageManifest) : undefined;
  } catch {
    // An unreadable manifest: the CommonJS resolver reports it as Node always has.
    return undefined;
  }
}
