import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type CompiledModule, fingerprint } from './module-compiler.js';

/** Bump when the entry format or the compile options change, so old entries are ignored. */
const FORMAT = 1;

/**
 * Files near an input that change how esbuild compiles it without being an input themselves
 * (tsconfig: decorators, class fields, JSX; package.json: module type). Their bytes are part of
 * every cache entry, from the input's folder up to the filesystem root.
 */
const CONTEXT_FILES = ['tsconfig.json', 'jsconfig.json', 'package.json'];

interface CacheEntry {
  format: number;
  entry: string;
  sourceMaps: boolean;
  inputs: [string, string][];
  context: [string, string][];
  code: string;
}

/**
 * A persisted cache of compiled extension bundles, one JSON file per entry file. A bundle is
 * used only when every input file and every nearby tsconfig/jsconfig/package.json still has the
 * bytes it was compiled from (compared by hash), so a stale bundle is never served; anything
 * unreadable or mismatched is a miss and the extension is compiled as usual.
 */
export class CompileCache {
  readonly #dir: string;
  readonly #sourceMaps: boolean;
  /** Folder → hashes of its context files, shared by all lookups of one boot. */
  readonly #contexts = new Map<string, Promise<[string, string][]>>();

  constructor(dir: string, sourceMaps: boolean) {
    this.#dir = dir;
    this.#sourceMaps = sourceMaps;
  }

  /**
   * The cached bundle of `entry` when its context files are unchanged, else undefined. Its input
   * files are checked by the caller (`prepareVersion` reuses a bundle only if `isUpToDate`), so
   * each file is hashed once per boot. Never throws.
   */
  async lookup(entry: string): Promise<CompiledModule | undefined> {
    try {
      const raw = JSON.parse(await readFile(this.#file(entry), 'utf8')) as CacheEntry;
      if (raw.format !== FORMAT || raw.entry !== entry || raw.sourceMaps !== this.#sourceMaps) {
        return undefined;
      }
      const context = await this.#context(raw.inputs.map(([file]) => file));
      if (!sameEntries(context, raw.context)) return undefined;
      return { entry, code: raw.code, inputs: new Map(raw.inputs) };
    } catch {
      return undefined;
    }
  }

  /** Writes the bundle's entry (atomically: temp file + rename). Never throws. */
  async store(compiled: CompiledModule): Promise<void> {
    try {
      const inputs = [...compiled.inputs];
      const entry: CacheEntry = {
        format: FORMAT,
        entry: compiled.entry,
        sourceMaps: this.#sourceMaps,
        inputs,
        context: await this.#context(inputs.map(([file]) => file)),
        code: compiled.code,
      };
      const file = this.#file(compiled.entry);
      const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await mkdir(this.#dir, { recursive: true });
      await writeFile(temp, JSON.stringify(entry));
      await rename(temp, file);
    } catch {
      // A cache that cannot be written only costs the next boot a compile.
    }
  }

  #file(entry: string): string {
    const key = createHash('sha1').update(`${FORMAT}\0${this.#sourceMaps}\0${entry}`).digest('hex');
    return join(this.#dir, `${key}.json`);
  }

  async #context(inputs: readonly string[]): Promise<[string, string][]> {
    const folders = new Set<string>();
    for (const input of inputs) {
      for (let dir = dirname(input); !folders.has(dir); dir = dirname(dir)) {
        folders.add(dir);
        if (dirname(dir) === dir) break;
      }
    }
    const perFolder = await Promise.all([...folders].map((dir) => this.#folderContext(dir)));
    return perFolder.flat().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  #folderContext(dir: string): Promise<[string, string][]> {
    let found = this.#contexts.get(dir);
    if (!found) {
      found = Promise.all(
        CONTEXT_FILES.map(async (name): Promise<[string, string]> => {
          const file = join(dir, name);
          return [file, await fingerprint(file)];
        }),
      );
      this.#contexts.set(dir, found);
    }
    return found;
  }
}

function sameEntries(a: readonly [string, string][], b: readonly [string, string][]): boolean {
  return (
    a.length === b.length && a.every(([file, print], i) => b[i]?.[0] === file && b[i][1] === print)
  );
}
