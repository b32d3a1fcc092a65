// Node ≥ 22.1 can keep the V8 code it compiles for modules on disk (`module.enableCompileCache`)
// and reuse it on the next start: most of a bot's cold start is compiling discord.js, Sapphire
// and the framework, the same code every time. Node 20 has no such cache: nothing happens there.
import * as nodeModule from 'node:module';

/** Environment variable: `off` (or `0`, `false`, `no`) disables the cache; a path chooses its folder. */
export const COMPILE_CACHE_ENV = 'ZORYX_COMPILE_CACHE';

/** What {@link enableCompileCache} did. */
export interface CompileCacheResult {
  /**
   * `enabled` (now or already, e.g. by `NODE_COMPILE_CACHE`), `off` (opted out), `unavailable`
   * (this Node has no compile cache), `failed` (Node could not use the folder; `message` says why).
   */
  readonly status: 'enabled' | 'off' | 'unavailable' | 'failed';
  /** The cache folder, when enabled. */
  readonly directory?: string;
  readonly message?: string;
}

/** The part of `node:module` this needs (Node ≥ 22.1 has it). */
export interface CompileCacheApi {
  enableCompileCache?: (directory?: string) => {
    status: number;
    message?: string;
    directory?: string;
  };
  constants?: { compileCacheStatus?: Record<string, number> };
}

const OFF = new Set(['off', '0', 'false', 'no']);

/**
 * Enables Node's module compile cache for the modules this thread loads from now on (Node ≥ 22.1;
 * a no-op on older Node), and for the worker threads and child processes started after it: a
 * worker does not inherit the call, it reads `NODE_COMPILE_CACHE` when it starts, before its first
 * module, so the folder this call enabled is put there (`childEnv`, default `process.env`; Node's
 * own `NODE_COMPILE_CACHE`, when set, is left as it is). The folder is `ZORYX_COMPILE_CACHE` when
 * it is a path, else Node's own default (`NODE_COMPILE_CACHE`, or `node-compile-cache` in the OS
 * temp folder); the cache is checked against each file's content, so a changed file is compiled
 * again. Opt out with `ZORYX_COMPILE_CACHE=off` (Node's `NODE_DISABLE_COMPILE_CACHE=1` works as
 * well). Never throws: a cache that cannot be used only costs the speed-up.
 *
 * @param env - Where `ZORYX_COMPILE_CACHE` is read.
 * @param api - `node:module` (tests pass a stand-in).
 * @param childEnv - Where the enabled folder is written as `NODE_COMPILE_CACHE` for later threads.
 */
export function enableCompileCache(
  env: Readonly<Record<string, string | undefined>> = process.env,
  api: CompileCacheApi = nodeModule as CompileCacheApi,
  childEnv: Record<string, string | undefined> = process.env,
): CompileCacheResult {
  const setting = env[COMPILE_CACHE_ENV]?.trim();
  if (setting && OFF.has(setting.toLowerCase())) return { status: 'off' };
  if (typeof api.enableCompileCache !== 'function') return { status: 'unavailable' };
  try {
    const result = api.enableCompileCache(setting || undefined);
    const codes = api.constants?.compileCacheStatus ?? {};
    if (result.status === codes.ENABLED || result.status === codes.ALREADY_ENABLED) {
      // Only when this call enabled it: `ALREADY_ENABLED` answers with the versioned subfolder.
      if (result.status === codes.ENABLED && result.directory && !childEnv.NODE_COMPILE_CACHE) {
        childEnv.NODE_COMPILE_CACHE = result.directory;
      }
      return { status: 'enabled', ...(result.directory ? { directory: result.directory } : {}) };
    }
    if (result.status === codes.DISABLED) return { status: 'off' };
    return { status: 'failed', ...(result.message ? { message: result.message } : {}) };
  } catch (error) {
    return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
