import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileFunction } from 'node:vm';
import type { BuildFailure, BuildOptions, BuildResult, Loader, Message, Plugin } from 'esbuild';
import { type ActivitySink, runAsExtension } from './attribution.js';
import { LoaderError } from './errors.js';
import { preferCommonJs, resolveAsImport } from './import-resolution.js';

/** One extension bundled into a single CommonJS module, ready to evaluate any number of times. */
export interface CompiledModule {
  /** Absolute path of the entry file. */
  readonly entry: string;
  /** The bundled CommonJS source. */
  readonly code: string;
  /** Every local file the bundle was built from (absolute) → hash of the exact bytes compiled. */
  readonly inputs: ReadonlyMap<string, string>;
}

/** Options for {@link compileExtension}. */
export interface CompileOptions {
  /** Inline source maps (bigger bundles, better stack traces with `--enable-source-maps`). */
  sourceMaps?: boolean;
}

const WRAPPER_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname', '__zoryx_meta'];

/** esbuild, imported on the first compile: a boot served from the compile cache never loads it. */
let esbuild: Promise<typeof import('esbuild')> | undefined;

/** Imports esbuild once, on first use. */
export function loadEsbuild(): Promise<typeof import('esbuild')> {
  esbuild ??= import('esbuild');
  return esbuild;
}

/** The esbuild options every extension bundle is built with (one or many entries per build). */
export function bundleOptions(options: CompileOptions): BuildOptions {
  return {
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
    sourcemap: options.sourceMaps ? 'inline' : false,
    // import() of an external package becomes require(); Node >= 20.19 can require ESM.
    supported: { 'dynamic-import': false },
    define: {
      'import.meta.url': '__zoryx_meta.url',
      'import.meta.filename': '__zoryx_meta.filename',
      'import.meta.dirname': '__zoryx_meta.dirname',
    },
  };
}

/**
 * Bundles an extension's own files (TypeScript or JavaScript) into one CommonJS module with
 * esbuild. Bare imports stay external: at evaluation they are `require`d from the extension's
 * folder, i.e. from real `node_modules`, and shared with the rest of the process.
 * Throws `ZRX_EXT_COMPILE` with esbuild's located messages (file:line:column).
 */
export async function compileExtension(
  entry: string,
  extension: string,
  options: CompileOptions = {},
): Promise<CompiledModule> {
  const absolute = resolvePath(entry);
  const inputs = new Map<string, string>();
  let result: BuildResult;
  try {
    const { build } = await loadEsbuild();
    result = await build({
      ...bundleOptions(options),
      entryPoints: [absolute],
      absWorkingDir: dirname(absolute),
      plugins: [fingerprintingPlugin(inputs)],
    });
  } catch (error) {
    throw new LoaderError(
      'ZRX_EXT_COMPILE',
      `Extension "${extension}" failed to compile: ${formatBuildFailure(error)}`,
      'Fix the code at the location shown (a save that is still being written is retried on the next change).',
      { extension, cause: error },
    );
  }
  const output = result.outputFiles?.[0];
  if (!output) {
    throw new LoaderError(
      'ZRX_EXT_COMPILE',
      `Extension "${extension}" produced no output when compiling ${absolute}.`,
      'Check that the entry file exists and has code.',
      { extension },
    );
  }
  return { entry: absolute, code: output.text, inputs };
}

const LOADERS: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
  '.json': 'json',
};

/**
 * Reads every local file itself so it can hash the exact bytes esbuild compiles: a save landing
 * during a build then never looks "already compiled" (no lost saves).
 */
export function fingerprintingPlugin(inputs: Map<string, string>): Plugin {
  return {
    name: 'zoryx-fingerprint',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /.*/, namespace: 'file' }, async (args) => {
        const contents = await readFile(args.path);
        inputs.set(args.path, hash(contents));
        return { contents, loader: LOADERS[extname(args.path)] ?? 'default' };
      });
    },
  };
}

function hash(contents: Buffer): string {
  return createHash('sha1').update(contents).digest('hex');
}

/** Hash of a file's current bytes, or `missing`. */
export async function fingerprint(file: string): Promise<string> {
  try {
    return hash(await readFile(file));
  } catch {
    return 'missing';
  }
}

/** True when every input file still has the bytes the module was compiled from. */
export async function isUpToDate(module: CompiledModule): Promise<boolean> {
  const checks = await Promise.all(
    [...module.inputs].map(async ([file, print]) => (await fingerprint(file)) === print),
  );
  return checks.every(Boolean);
}

/** Module ids answered by the host: a map, or anything with a map's `has` and `get`. */
export type SharedModuleLookup = Pick<ReadonlyMap<string, unknown>, 'has' | 'get'>;

/** Options for {@link evaluateModule}. */
export interface EvaluateOptions {
  /**
   * Module ids answered from this map instead of `node_modules`, so the host and every extension
   * share one instance (e.g. `'@zoryx/loader'`, `'discord.js'`).
   */
  sharedModules?: SharedModuleLookup;
  /** Told the extension's name while its top level runs (see `ExtensionHostOptions.activity`). */
  activity?: ActivitySink;
}

/**
 * Runs a compiled module in the main context via `vm.compileFunction` with a fresh `module`
 * object and a `require` rooted at the extension's folder, as the extension (see
 * `runAsExtension`). Nothing global keeps a reference to
 * the result: once the host drops it, the whole version is garbage-collected.
 * Throws `ZRX_EXT_EVALUATE` when the module's top level throws.
 */
export function evaluateModule(
  compiled: CompiledModule,
  extension: string,
  options: EvaluateOptions = {},
): unknown {
  const nodeRequire = createRequire(compiled.entry);
  const shared = options.sharedModules;
  const dir = dirname(compiled.entry);
  const scopedRequire = Object.assign(
    (id: string): unknown =>
      shared?.has(id) ? shared.get(id) : requireAsImport(id, dir, nodeRequire),
    { resolve: nodeRequire.resolve, cache: nodeRequire.cache, main: undefined },
  );
  const module = { exports: {} as unknown, id: compiled.entry, filename: compiled.entry };
  const meta = { url: pathToFileURL(compiled.entry).href, filename: compiled.entry, dirname: dir };
  try {
    const fn = compileFunction(compiled.code, WRAPPER_PARAMS, { filename: compiled.entry });
    // As the extension: what its top level starts (timers, promises) is attributed to it.
    runAsExtension(
      extension,
      () =>
        fn.call(module.exports, module.exports, scopedRequire, module, compiled.entry, dir, meta),
      options.activity,
    );
  } catch (error) {
    throw new LoaderError(
      'ZRX_EXT_EVALUATE',
      `Extension "${extension}" threw while its module was evaluated (${compiled.entry}): ${
        error instanceof Error ? error.message : String(error)
      }`,
      'Move side effects from the top level of the module into setup(ctx), and check its imports are installed.',
      { extension, cause: error },
    );
  }
  return module.exports;
}

/**
 * `require(id)` for extension code, answered with the module an ESM `import id` from `folder`
 * gets, so a dual ESM/CommonJS package is the host's very instance rather than a second copy
 * from its CommonJS build (see import-resolution.ts). Node >= 20.19 `require`s the ES module
 * file and reuses the host's evaluation of it. An ES module graph with top-level await cannot be
 * required: then the package's CommonJS build is used, as before, if it has one.
 */
function requireAsImport(id: string, folder: string, nodeRequire: NodeJS.Require): unknown {
  const file = resolveAsImport(id, folder);
  if (file === null) return nodeRequire(id);
  try {
    return nodeRequire(file);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    try {
      const fallback = nodeRequire(id);
      preferCommonJs(id, folder);
      return fallback;
    } catch {
      throw error;
    }
  }
}

export function formatBuildFailure(error: unknown): string {
  const messages = (error as Partial<BuildFailure>).errors;
  if (!Array.isArray(messages) || messages.length === 0) {
    return error instanceof Error ? error.message : String(error);
  }
  return messages.map(formatMessage).join('; ');
}

function formatMessage(message: Message): string {
  const at = message.location;
  return at ? `${at.file}:${at.line}:${at.column + 1}: ${message.text}` : message.text;
}
