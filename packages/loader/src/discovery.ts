import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve as resolvePath } from 'node:path';
import { LoaderError } from './errors.js';
import { normaliseExtensionName } from './names.js';

/** Where an extension's code lives. */
export interface ExtensionSource {
  /** Normalised name derived from the folder, file or package name. */
  readonly name: string;
  /** Absolute path of the entry file. */
  readonly entry: string;
  /** `folder`: `extensions/<name>/index.ts`; `file`: `extensions/<name>.ts`; `package`: from npm. */
  readonly kind: 'folder' | 'file' | 'package';
}

/** A problem found during discovery. Discovery never throws for a single bad entry. */
export interface DiscoveryIssue {
  code: 'ZRX_EXT_DUPLICATE' | 'ZRX_EXT_BLACKLISTED' | 'ZRX_EXT_DISCOVERY' | 'ZRX_EXT_NOT_FOUND';
  severity: 'warning' | 'error';
  extension: string;
  message: string;
  hint: string;
}

/** What {@link discoverExtensions} found. */
export interface DiscoveryResult {
  /** Loadable sources, sorted by name (folders before files before packages on a clash). */
  sources: ExtensionSource[];
  /** Normalisation warnings, duplicates, blacklisted and missing extensions. */
  issues: DiscoveryIssue[];
}

/** Options for {@link discoverExtensions}. */
export interface DiscoveryOptions {
  /** The extensions folder. Missing folder = no local extensions. */
  directory?: string;
  /** npm package names to load as extensions, resolved from `resolveFrom`. */
  packages?: readonly string[];
  /** Folder to resolve `packages` from (its `node_modules`). Default: `process.cwd()`. */
  resolveFrom?: string;
  /** Extension names never loaded (compared after normalisation). */
  blacklist?: readonly string[];
}

const ENTRY_EXTENSIONS = ['.ts', '.js'] as const;
const IGNORED_FILE = /(\.d\.ts|\.(test|spec|bench)\.(ts|js))$/;

/**
 * Finds extensions: `<directory>/<name>/index.(ts|js)`, `<directory>/<name>.(ts|js)` and the
 * listed npm packages. Names are normalised (spaces → `-`, with a warning), blacklisted names
 * are skipped, and duplicates are reported (the first by kind wins: folder, file, package).
 * Hidden entries and names starting with `_` are ignored (room for shared helpers).
 */
export async function discoverExtensions(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const found: ExtensionSource[] = [];
  const issues: DiscoveryIssue[] = [];
  const raw = new Map<ExtensionSource, string>();

  if (options.directory && existsSync(options.directory)) {
    const directory = resolvePath(options.directory);
    const entries = await readdir(directory, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_') || entry.name === 'node_modules')
        continue;
      if (entry.isDirectory()) {
        const index = ENTRY_EXTENSIONS.map((ext) =>
          join(directory, entry.name, `index${ext}`),
        ).find(existsSync);
        if (!index) continue;
        const source: ExtensionSource = { name: entry.name, entry: index, kind: 'folder' };
        found.push(source);
        raw.set(source, entry.name);
      } else if (entry.isFile()) {
        const ext = extname(entry.name);
        if (!(ENTRY_EXTENSIONS as readonly string[]).includes(ext) || IGNORED_FILE.test(entry.name))
          continue;
        const base = entry.name.slice(0, -ext.length);
        const source: ExtensionSource = {
          name: base,
          entry: join(directory, entry.name),
          kind: 'file',
        };
        found.push(source);
        raw.set(source, base);
      }
    }
  }

  if (options.packages?.length) {
    const from = resolvePath(options.resolveFrom ?? process.cwd());
    const require = createRequire(join(from, 'package.json'));
    for (const pkg of options.packages) {
      try {
        const entry = require.resolve(pkg);
        const source: ExtensionSource = { name: packageBaseName(pkg), entry, kind: 'package' };
        found.push(source);
        raw.set(source, source.name);
      } catch (error) {
        issues.push({
          code: 'ZRX_EXT_NOT_FOUND',
          severity: 'error',
          extension: pkg,
          message: `Extension package "${pkg}" could not be resolved from ${from}: ${(error as Error).message}`,
          hint: `Install it (npm install ${pkg}) or remove it from the extension packages list.`,
        });
      }
    }
  }

  const blacklist = new Set((options.blacklist ?? []).map((n) => normaliseExtensionName(n).name));
  const byName = new Map<string, ExtensionSource>();
  const kindRank = { folder: 0, file: 1, package: 2 } as const;
  for (const source of found.sort((a, b) => kindRank[a.kind] - kindRank[b.kind])) {
    const original = raw.get(source) ?? source.name;
    const { name, changed } = normaliseExtensionName(original);
    if (changed && source.kind !== 'package') {
      issues.push({
        code: 'ZRX_EXT_DISCOVERY',
        severity: 'warning',
        extension: name,
        message: `Extension "${original}" (${source.entry}) was renamed to "${name}" (spaces → "-").`,
        hint: `Rename the ${source.kind} to "${name}" to silence this warning.`,
      });
    }
    if (blacklist.has(name)) {
      issues.push({
        code: 'ZRX_EXT_BLACKLISTED',
        severity: 'warning',
        extension: name,
        message: `Extension "${name}" is blacklisted and was not loaded.`,
        hint: `Remove "${name}" from the blacklist to load it.`,
      });
      continue;
    }
    const first = byName.get(name);
    if (first) {
      issues.push({
        code: 'ZRX_EXT_DUPLICATE',
        severity: 'error',
        extension: name,
        message: `Extension "${name}" is defined twice: ${first.entry} (used) and ${source.entry} (ignored).`,
        hint: `Keep one of ${first.entry} and ${source.entry}, or rename one.`,
      });
      continue;
    }
    byName.set(name, { ...source, name });
  }
  const sources = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { sources, issues };
}

/** `@scope/zoryx-economy` → `zoryx-economy`. */
function packageBaseName(pkg: string): string {
  const parts = pkg.split('/');
  return parts[parts.length - 1] ?? pkg;
}

/**
 * Finds the source for one extension by name (for `host.load(name)` at runtime).
 * Throws `ZRX_EXT_NOT_FOUND` when no folder, file or listed package has that name.
 */
export async function findExtensionSource(
  name: string,
  options: DiscoveryOptions,
): Promise<ExtensionSource> {
  const { sources } = await discoverExtensions({ ...options, blacklist: [] });
  const source = sources.find((s) => s.name === normaliseExtensionName(name).name);
  if (!source) {
    throw new LoaderError(
      'ZRX_EXT_NOT_FOUND',
      `No extension named "${name}" in ${options.directory ?? '(no extensions folder)'}${
        options.packages?.length ? ` or the packages ${options.packages.join(', ')}` : ''
      }.`,
      `Create ${options.directory ?? 'extensions'}/${name}/index.ts (or ${name}.ts), or list its npm package.`,
      { extension: name },
    );
  }
  return source;
}

/** The folder an extension lives in (its `require` root and what the watcher maps back from). */
export function sourceRoot(source: ExtensionSource): string {
  return dirname(source.entry);
}
