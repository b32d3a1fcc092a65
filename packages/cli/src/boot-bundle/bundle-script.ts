// How a boot bundle runs: a CommonJS file evaluated as a `vm.Script` (the way Node runs a CommonJS
// module, with its own `require` and `module`), so V8's code cache of it can be kept on disk and
// handed back at the next start. Node 20 has no module compile cache; a script's cached data
// works on every supported Node, and compiling the bundle is most of what loading it costs.
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

const HEAD = '(function (exports, require, module, __filename, __dirname) {';
const TAIL = '\n})';

/** A bundle evaluated in this thread. */
export interface EvaluatedBundle {
  /** The bundle's `module.exports`. */
  readonly exports: Record<string, unknown>;
  /** `true` when V8 refused the cached data given (another Node, other flags), else `false`. */
  readonly cacheRejected: boolean;
  /**
   * Writes V8's code cache of the bundle as it is now (what has been compiled so far) to `file`,
   * atomically. Taken after a boot, it holds the functions that boot compiled too.
   */
  saveCache(file: string): Promise<void>;
}

/**
 * Compiles and runs the bundle `file` (ASCII only: it is read as one-byte text) with `cachedData`
 * from an earlier {@link EvaluatedBundle.saveCache}, if any. Throws what the bundle's top level
 * throws.
 */
export function evaluateBundle(file: string, cachedData?: Buffer): EvaluatedBundle {
  const source = readFileSync(file, 'latin1');
  const script = new Script(`${HEAD}${source}${TAIL}`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module: { exports: Record<string, unknown> } = { exports: {} };
  const run: unknown = script.runInThisContext();
  if (typeof run === 'function') {
    run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  }
  return {
    exports: module.exports,
    cacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
    saveCache: async (to) => {
      const temp = `${to}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, script.createCachedData());
      await rename(temp, to);
    },
  };
}

/**
 * The text as ASCII: every other character as a `\u` escape. esbuild escapes strings, but keeps
 * a few characters in regular expressions as they are (Ö in a character class); escaped, they
 * mean the same, and the file can be read as one-byte text (a UTF-8 decode costs ~40 ms).
 */
export function toAscii(text: string): string {
  return text.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
