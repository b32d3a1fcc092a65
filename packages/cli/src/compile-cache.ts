// Node ≥ 22.1 can keep the V8 code it compiles for modules on disk (`module.enableCompileCache`)
// and reuse it on the next start: most of a bot's cold start is compiling discord.js, Sapphire,
// the framework and the supervisor's gateway, the same code every time. This module is the CLI's
// first step (bin/zoryx.mjs imports it alone, before the rest of the CLI is compiled; runBot calls
// it before it imports anything of the run path). Node 20 has no such cache: nothing happens there.
import * as nodeModule from 'node:module';

/** Environment variable: `off` (or `0`, `false`) disables the cache; a path chooses its folder. */
export const COMPILE_CACHE_ENV = 'ZORYX_COMPILE_CACHE';

/** What {@link startCompileCache} found or did. */
export interface CompileCacheStatus {
  /**
   * `enabled` (by this call or before it, e.g. by `NODE_COMPILE_CACHE`), `off` (opted out:
   * `ZORYX_COMPILE_CACHE=off` or `NODE_DISABLE_COMPILE_CACHE`), `unavailable` (Node < 22.1),
   * `failed` (Node could not use the folder, e.g. not writable; `message` says why).
   */
  readonly status: 'enabled' | 'off' | 'unavailable' | 'failed';
  /** The cache folder (Node keeps one subfolder per Node version and V8 flags in it). */
  readonly directory?: string;
  /** Node's reason when it could not enable the cache. */
  readonly message?: string;
}

/** The part of `node:module` this needs (Node ≥ 22.1 has it). */
interface CompileCacheApi {
  enableCompileCache?: (directory?: string) => {
    status: number;
    message?: string;
    directory?: string;
  };
  constants?: { compileCacheStatus?: Record<string, number> };
}

const OFF = new Set(['off', '0', 'false', 'no']);

/**
 * Enables Node's module compile cache for this thread, and — through `NODE_COMPILE_CACHE` in
 * `process.env` — for the worker threads and child processes started after it (a worker does not
 * inherit the API call: it reads that variable when it starts, before its first module). The
 * folder is `ZORYX_COMPILE_CACHE` when it is a path, else Node's own default (`NODE_COMPILE_CACHE`,
 * or `node-compile-cache` in the OS temp folder). Node's own settings win: with
 * `NODE_COMPILE_CACHE` set it is already on, with `NODE_DISABLE_COMPILE_CACHE` it stays off. Never
 * throws: a folder Node cannot write only costs the speed-up (`failed`, with Node's message).
 *
 * @param env - Where `ZORYX_COMPILE_CACHE` is read (default `process.env`).
 * @param api - `node:module` (tests pass a stand-in).
 */
export function startCompileCache(
  env: Readonly<Record<string, string | undefined>> = process.env,
  api: CompileCacheApi = nodeModule as CompileCacheApi,
): CompileCacheStatus {
  const setting = env[COMPILE_CACHE_ENV]?.trim();
  if (setting && OFF.has(setting.toLowerCase())) return { status: 'off' };
  if (typeof api.enableCompileCache !== 'function') return { status: 'unavailable' };
  let result: ReturnType<NonNullable<CompileCacheApi['enableCompileCache']>>;
  try {
    result = api.enableCompileCache(setting || undefined);
  } catch (error) {
    return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  const codes = api.constants?.compileCacheStatus ?? {};
  if (result.status === codes.ENABLED || result.status === codes.ALREADY_ENABLED) {
    // Threads and processes started from here on enable it in the same folder at their start.
    // (Only when this call enabled it: `ALREADY_ENABLED` answers with the versioned subfolder.)
    if (result.status === codes.ENABLED && result.directory && !process.env.NODE_COMPILE_CACHE) {
      process.env.NODE_COMPILE_CACHE = result.directory;
    }
    return { status: 'enabled', ...(result.directory ? { directory: result.directory } : {}) };
  }
  if (result.status === codes.DISABLED) return { status: 'off' };
  return { status: 'failed', ...(result.message ? { message: result.message } : {}) };
}
