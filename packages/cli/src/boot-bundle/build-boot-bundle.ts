// Builds the boot bundle: one esbuild build of what the bot's worker imports first (the framework,
// discord.js, Sapphire, the loader…) into a single CommonJS file, whose V8 code cache the first
// bot started from it keeps.
// Loading ~1,300 small files costs a Node process more in resolving (stat, realpath, package.json
// reads), wrapping and compiling each module than in running them; one file with its compiled
// code on disk skips most of that. Packages that must stay files of their own are left out and
// loaded from where they are installed (see EXTERNAL): native addons, packages that start
// threads from their own files (pino, esbuild), and the supervisor, whose worker half must be the
// same instance as the thread's own.
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { CliError } from '../errors.js';
import {
  BOOT_BUNDLE_FORMAT,
  type BootBundleManifest,
  bootBundleRuntime,
  MANIFEST_FILE,
} from './boot-bundle-manifest.js';
import { evaluateBundle, toAscii } from './bundle-script.js';

/**
 * The modules the bundle exports, shared with extensions in place of their node_modules copies
 * (the loader's `sharedModules`): an extension importing one gets the bot's own instance, as it
 * does without a bundle. Those the framework cannot resolve are left out.
 */
export const SHARED_MODULES = [
  '@zoryx/framework',
  '@zoryx/framework/internals',
  'discord.js',
  '@sapphire/framework',
  '@zoryx/loader',
  '@zoryx/hooks',
  '@zoryx/store',
  '@zoryx/db',
  '@zoryx/resolver',
  '@zoryx/slash-limit',
  'kysely',
] as const;

/** Loaded from where they are installed, never bundled (see the file comment). */
const EXTERNAL =
  /^(better-sqlite3|pg|pg-native|pg-cloudflare|pino|pino-roll|pino-pretty|thread-stream|chokidar|fsevents|esbuild|tsx|@zoryx\/supervisor|zlib-sync|bufferutil|utf-8-validate|erlpack|sodium-native|libsodium-wrappers|@discordjs\/opus|@discordjs\/voice)(\/.*)?$/;

const SKIP = Symbol('resolving an external');
/** The generated entry's name (not a file: esbuild reads it from stdin). */
const ENTRY_NAME = 'zoryx-boot-entry.mjs';
const NODE_MODULES = `${sep}node_modules${sep}`;

/** Options of {@link buildBootBundle}. */
export interface BuildBootBundleOptions {
  /** The bundle's folder (created if needed). */
  readonly folder: string;
  /** A file or folder to resolve `@zoryx/framework` from. Default: this package's own. */
  readonly from?: string;
  /**
   * Run the bundle once here before it is kept (default true): a bundle that fails to load is
   * never written. It loads the framework into this process: `zoryx start` builds in a child
   * process of its own.
   */
  readonly verify?: boolean;
}

function resolvable(id: string, from: string): boolean {
  try {
    createRequire(from).resolve(id);
    return true;
  } catch {
    return false;
  }
}

/** Leaves EXTERNAL packages out, required by absolute path (the bundle's folder has no node_modules). */
const externals: Plugin = {
  name: 'zoryx-boot-externals',
  setup(build) {
    build.onResolve({ filter: EXTERNAL }, async (args) => {
      if (args.pluginData === SKIP) return undefined;
      // Every import of the bundle is a `require` (see `supported` below): its CommonJS entry.
      const found = await build.resolve(args.path, {
        kind: args.kind === 'dynamic-import' ? 'require-call' : args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: SKIP,
      });
      // Not installed (an optional peer): left as it was, so it fails at run time as it would.
      if (found.errors.length > 0 || !found.path) return { path: args.path, external: true };
      return { path: found.path, external: true };
    });
  },
};

/**
 * The files whose change makes the bundle stale: an installed package's `package.json` (an
 * upgrade or reinstall rewrites it) stands for its files; a file outside node_modules (a
 * workspace package's build) is watched itself. ~60 files instead of ~1,300 to check at a start.
 */
export function watchedFiles(sources: readonly string[]): string[] {
  const files = new Set<string>();
  for (const path of sources) {
    const at = path.lastIndexOf(NODE_MODULES);
    if (at === -1) {
      files.add(path);
      continue;
    }
    const [first = '', second = ''] = path.slice(at + NODE_MODULES.length).split(sep);
    const name = first.startsWith('@') ? `${first}${sep}${second}` : first;
    files.add(`${path.slice(0, at + NODE_MODULES.length)}${name}${sep}package.json`);
  }
  return [...files].sort();
}

/** The bundle's entry: one namespace export per shared module, and zod on demand. */
function entrySource(shared: readonly string[], withZod: boolean): string {
  const lines = shared.map((id, i) => `export * as m${i} from ${JSON.stringify(id)};`);
  // A require of a bundled module is evaluated when called: zod only if an extension imports it.
  if (withZod) lines.push("export function zod() { return require('zod'); }");
  return lines.join('\n');
}

async function writeAtomically(folder: string, name: string, data: string | Uint8Array) {
  const temp = join(folder, `.${name}.${process.pid}.tmp`);
  await writeFile(temp, data);
  await rename(temp, join(folder, name));
}

/**
 * Builds the boot bundle into `folder`, checks it loads (see `verify`), and writes the manifest last: a reader never sees a manifest without its files. Replaces the folder's older
 * bundle. Rejects with esbuild's error, or `ZRX_CLI_BOOT_BUNDLE` when the bundle fails to run;
 * no manifest is written then.
 */
export async function buildBootBundle(
  options: BuildBootBundleOptions,
): Promise<BootBundleManifest> {
  const started = performance.now();
  const framework = dirname(
    createRequire(options.from ?? import.meta.url).resolve('@zoryx/framework/package.json'),
  );
  const base = join(framework, 'package.json');
  const shared = SHARED_MODULES.filter((id) => resolvable(id, base));
  const { build } = await import('esbuild');
  const result = await build({
    stdin: {
      contents: entrySource(shared, resolvable('zod', base)),
      resolveDir: framework,
      sourcefile: ENTRY_NAME,
      loader: 'js',
    },
    absWorkingDir: framework,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    metafile: true,
    // `sideEffects: false` packages keep every module they import, as Node would run them.
    ignoreAnnotations: true,
    // Names stay (keepNames, identifiers not minified: `constructor.name`, stack traces); no
    // whitespace and simpler syntax: ~15 % less to parse.
    keepNames: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    // `import()` becomes a `require` in a promise. A script's `import()` needs a callback that
    // V8's code cache loses between processes (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), and
    // Node 20 calls that callback experimental. So a file outside the bundle that is loaded on
    // demand (chokidar, esbuild, pg) is required; Node >= 20.19 requires an ES module too.
    supported: { 'dynamic-import': false },
    logLevel: 'silent',
    plugins: [externals],
  });
  const output = result.outputFiles[0];
  if (!output)
    throw new CliError('ZRX_CLI_BOOT_BUNDLE', `esbuild wrote no bundle for ${framework}.`);
  const code = toAscii(output.text);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const bundle = `runtime-${hash}.cjs`;
  const sources = Object.keys(result.metafile.inputs)
    .filter((path) => path !== ENTRY_NAME && !path.startsWith('<') && !path.includes(':'))
    .map((path) => resolve(framework, path));
  const inputs = await Promise.all(
    watchedFiles(sources).map(async (path) => {
      const s = await stat(path);
      return [path, s.mtimeMs, s.size] as const;
    }),
  );
  await mkdir(options.folder, { recursive: true });
  await writeAtomically(options.folder, bundle, code);
  if (options.verify !== false) {
    try {
      // Its top level (module set-up only) runs here.
      evaluateBundle(join(options.folder, bundle));
    } catch (error) {
      await rm(join(options.folder, bundle), { force: true });
      throw new CliError(
        'ZRX_CLI_BOOT_BUNDLE',
        `The boot bundle built for ${framework} fails to load: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const manifest: BootBundleManifest = {
    format: BOOT_BUNDLE_FORMAT,
    runtime: bootBundleRuntime(),
    bundle,
    // Written by the first bot started from the bundle, once it has booted (load-framework.ts):
    // the code its boot compiled is in it too.
    cache: `runtime-${hash}.v8cache`,
    shared,
    inputs,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - started),
    bytes: code.length,
  };
  await writeAtomically(options.folder, MANIFEST_FILE, `${JSON.stringify(manifest)}\n`);
  // Older bundles: a worker that loaded one has it in memory already.
  for (const name of await readdir(options.folder)) {
    if (/^runtime-[\w-]+\.(cjs|mjs|v8cache)$/.test(name) && !name.startsWith(`runtime-${hash}.`)) {
      await rm(join(options.folder, name), { force: true });
    }
  }
  return manifest;
}
