import { compileBatch } from './batch-compiler.js';
import { CompileCache } from './compile-cache.js';
import { discoverExtensions, type ExtensionSource } from './discovery.js';
import type { HostCore } from './host-core.js';
import type { CompiledModule } from './module-compiler.js';

/** Bundles boot can start from, by entry file. Each is still checked against its files' hashes. */
export interface BootBundles {
  /** The persisted compile cache (when `compileCacheDir` is set). */
  readonly cache: CompileCache | undefined;
  /** Bundles served by the cache. */
  readonly cached: ReadonlyMap<string, CompiledModule>;
  /** Bundles of the rest, from one esbuild build (empty when it failed or had one entry). */
  readonly built: ReadonlyMap<string, CompiledModule>;
}

/**
 * Compiles what boot will load without running any extension code: cache hits first, then one
 * esbuild build for the misses. A failing batch (e.g. one extension with a syntax error) leaves
 * `built` empty, so each extension is compiled on its own and reports its own error. Never throws.
 */
export async function compileForBoot(
  core: HostCore,
  sources?: readonly ExtensionSource[],
): Promise<BootBundles> {
  const sourceMaps = core.options.sourceMaps ?? false;
  const dir = core.options.compileCacheDir;
  const cache = dir ? new CompileCache(dir, sourceMaps) : undefined;
  const cached = new Map<string, CompiledModule>();
  const built = new Map<string, CompiledModule>();
  try {
    const list = sources ?? (await discoverExtensions(core.discoveryOptions)).sources;
    const hits = await Promise.all(list.map((s) => cache?.lookup(s.entry)));
    const misses: string[] = [];
    for (const [i, source] of list.entries()) {
      const hit = hits[i];
      if (hit) cached.set(source.entry, hit);
      else misses.push(source.entry);
    }
    const batch = misses.length > 1 ? await compileBatch(misses, { sourceMaps }) : undefined;
    for (const [entry, compiled] of batch ?? []) built.set(entry, compiled);
  } catch {
    // Boot compiles whatever is missing on its own.
  }
  return { cache, cached, built };
}
