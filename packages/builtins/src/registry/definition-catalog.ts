import {
  compileExtension,
  type DiscoveryOptions,
  discoverExtensions,
  type ExtensionDefinition,
  type ExtensionSource,
  evaluateModule,
} from '@zoryx/loader';
import type { ExtensionManifest } from '@zoryx/resolver';

/** What the catalog knows of one extension: its manifest fields from the definition. */
export interface CatalogEntry {
  readonly name: string;
  readonly source: ExtensionSource;
  /** The manifest the resolver sees, or `null` when the definition could not be read. */
  readonly manifest: ExtensionManifest | null;
  readonly description: string | undefined;
  readonly author: string | undefined;
  /** Why the definition could not be read. */
  readonly error: string | null;
}

/** Options of {@link DefinitionCatalog}. */
export interface DefinitionCatalogOptions {
  /** Where the host discovers extensions (`client.extensions.discoveryOptions`). */
  readonly discovery: () => DiscoveryOptions;
  /** Module instances the extensions' code imports (the host's shared modules). */
  readonly sharedModules: ReadonlyMap<string, unknown>;
}

function manifestOf(name: string, def: ExtensionDefinition): ExtensionManifest {
  return {
    name,
    version: def.version,
    ...(def.dependencies ? { dependencies: def.dependencies } : {}),
    ...(def.optionalDependencies ? { optionalDependencies: def.optionalDependencies } : {}),
    ...(def.conflicts ? { conflicts: def.conflicts } : {}),
  };
}

/**
 * Reads the definitions (dependencies, ranges, conflicts) of every discoverable extension. The
 * loader's `ExtensionHost` does not expose the definitions it holds, so the catalog discovers
 * the same sources and evaluates each entry once more (compiled by the loader's own compiler),
 * caching the result until the file changes version. Evaluating is safe for well-formed
 * extensions: the loader already requires side effects to live in `setup`, which is never called.
 */
export class DefinitionCatalog {
  readonly #options: DefinitionCatalogOptions;
  readonly #cache = new Map<string, { key: string; entry: CatalogEntry }>();

  constructor(options: DefinitionCatalogOptions) {
    this.#options = options;
  }

  /**
   * Every discoverable extension, sorted by name. `stamp(name)` identifies the running load of an
   * extension (e.g. version + load time); while it is unchanged the cached definition is reused
   * instead of compiling the entry again. Return `undefined` to always re-read.
   */
  async entries(
    stamp: (name: string) => string | undefined = () => undefined,
  ): Promise<CatalogEntry[]> {
    const { sources } = await discoverExtensions(this.#options.discovery());
    return Promise.all(sources.map((source) => this.#read(source, stamp(source.name))));
  }

  async #read(source: ExtensionSource, stamp: string | undefined): Promise<CatalogEntry> {
    const cached = this.#cache.get(source.name);
    if (
      stamp !== undefined &&
      cached?.key === stamp &&
      cached.entry.source.entry === source.entry
    ) {
      return cached.entry;
    }
    try {
      const compiled = await compileExtension(source.entry, source.name);
      const exports = evaluateModule(compiled, source.name, {
        sharedModules: this.#options.sharedModules,
      }) as { default?: ExtensionDefinition } | ExtensionDefinition;
      const def = ('default' in exports && exports.default ? exports.default : exports) as
        | ExtensionDefinition
        | undefined;
      if (!def || typeof def.version !== 'string')
        throw new Error('no default-exported definition');
      // The loader names an extension after its definition (the folder name only warns).
      const name = typeof def.name === 'string' && def.name !== '' ? def.name : source.name;
      const entry: CatalogEntry = {
        name,
        source,
        manifest: manifestOf(name, def),
        description: def.description,
        author: def.author,
        error: null,
      };
      if (stamp !== undefined) this.#cache.set(source.name, { key: stamp, entry });
      return entry;
    } catch (error) {
      return {
        name: source.name,
        source,
        manifest: null,
        description: undefined,
        author: undefined,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
