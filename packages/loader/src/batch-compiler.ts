import { dirname, resolve as resolvePath, sep } from 'node:path';
import type { Metafile } from 'esbuild';
import {
  bundleOptions,
  type CompiledModule,
  type CompileOptions,
  fingerprintingPlugin,
  loadEsbuild,
} from './module-compiler.js';

/**
 * Bundles many extensions in ONE esbuild build (one entry point each, no code splitting, so every
 * output is the same self-contained CommonJS bundle `compileExtension` makes) — at boot this
 * replaces one build per extension. Returns undefined when the build fails or an output cannot
 * be matched to its entry: the caller then compiles each extension on its own, which also gives
 * each failure its own located `ZRX_EXT_COMPILE` error. Only used without source maps (their
 * paths are relative to the build's folder, which differs here).
 */
export async function compileBatch(
  entries: readonly string[],
  options: CompileOptions = {},
): Promise<Map<string, CompiledModule> | undefined> {
  const absolute = [...new Set(entries.map((e) => resolvePath(e)))];
  if (absolute.length === 0 || options.sourceMaps) return undefined;
  const workingDir = commonFolder(absolute);
  const prints = new Map<string, string>();
  try {
    const { build } = await loadEsbuild();
    const result = await build({
      ...bundleOptions(options),
      entryPoints: absolute.map((entry, i) => ({ in: entry, out: `entry-${i}` })),
      outdir: resolvePath(workingDir, '.zoryx-batch'),
      absWorkingDir: workingDir,
      metafile: true,
      plugins: [fingerprintingPlugin(prints)],
    });
    const compiled = new Map<string, CompiledModule>();
    for (const [i, entry] of absolute.entries()) {
      const path = resolvePath(workingDir, '.zoryx-batch', `entry-${i}.js`);
      const output = (result.outputFiles ?? []).find((o) => o.path === path);
      const inputs = inputsOf(entry, result.metafile, workingDir, prints);
      if (!output || !inputs) return undefined;
      compiled.set(entry, { entry, code: output.text, inputs });
    }
    return compiled;
  } catch {
    return undefined;
  }
}

/**
 * Every local file the entry's bundle was built from (its import graph in the metafile) with the
 * hash of the exact bytes compiled — the same set one build per extension records.
 */
function inputsOf(
  entry: string,
  metafile: Metafile,
  workingDir: string,
  prints: ReadonlyMap<string, string>,
): Map<string, string> | undefined {
  const byAbsolute = new Map(
    Object.entries(metafile.inputs).map(([key, input]) => [resolvePath(workingDir, key), input]),
  );
  const inputs = new Map<string, string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (inputs.has(file)) continue;
    const print = prints.get(file);
    const input = byAbsolute.get(file);
    if (!print || !input) return undefined;
    inputs.set(file, print);
    for (const imported of input.imports) {
      if (!imported.external) queue.push(resolvePath(workingDir, imported.path));
    }
  }
  return inputs;
}

/** The deepest folder containing every file. */
function commonFolder(files: readonly string[]): string {
  let common = dirname(files[0] ?? sep);
  for (const file of files) {
    while (!within(dirname(file), common) && dirname(common) !== common) common = dirname(common);
  }
  return common;
}

function within(dir: string, folder: string): boolean {
  return dir === folder || dir.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}
