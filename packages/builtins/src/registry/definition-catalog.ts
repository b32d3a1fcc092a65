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

  /** Every discoverable extension, sorted by name. */
  async entries(): Promise<CatalogEntry[]> {
    const { sources } = await discoverExtensions(this.#options.discovery());
    return Promise.all(sources.map((source) => this.#read(source)));
  }

  /** One extension by name, or `undefined` when it is not discoverable. */
  async entry(name: string): Promise<CatalogEntry | undefined> {
    return (await this.entries()).find((e) => e.name === name);
  }

  async #read(source: ExtensionSource): Promise<CatalogEntry> {
    try {
      const compiled = await compileExtension(source.entry, source.name);
      const key = [...compiled.inputs.values()].join(':');
      const cached = this.#cache.get(source.name);
      if (cached && cached.key === key) return cached.entry;
      const exports = evaluateModule(compiled, source.name, {
        sharedModules: this.#options.sharedModules,
      }) as { default?: ExtensionDefinition } | ExtensionDefinition;
      const def = ('default' in exports && exports.default ? exports.default : exports) as
        | ExtensionDefinition
        | undefined;
      if (!def || typeof def.version !== 'string')
        throw new Error('no default-exported definition');
      const entry: CatalogEntry = {
        name: source.name,
        source,
        manifest: manifestOf(source.name, def),
        description: def.description,
        author: def.author,
        error: null,
      };
      this.#cache.set(source.name, { key, entry });
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
