import type { ExtensionManifest } from '@zoryx/resolver';
import type { ActivitySink } from './attribution.js';
import type { ExtensionDefinition } from './definition.js';
import { readDefinition } from './definition-validation.js';
import type { ExtensionSource } from './discovery.js';
import { LoaderError } from './errors.js';
import {
  type CompiledModule,
  compileExtension,
  evaluateModule,
  isUpToDate,
  type SharedModuleLookup,
} from './module-compiler.js';
import type { ExtensionManifestInfo } from './status.js';

/**
 * One evaluated version of an extension: the compiled bundle, the module instance's definition,
 * and how long it took. The host keeps the running version's object alive (it is what a rollback
 * restores) and drops it on unload or after a successful reload, which frees the module.
 */
export interface ExtensionVersion {
  readonly source: ExtensionSource;
  readonly compiled: CompiledModule;
  readonly definition: ExtensionDefinition;
  /** Normalised definition name. */
  readonly name: string;
  readonly version: string;
  readonly warnings: readonly string[];
  /** Compile (0 when the cached bundle was reused) + evaluate + validate, in ms. */
  readonly prepareMs: number;
}

/** Options of {@link prepareVersion}. */
export interface PrepareOptions {
  /** Reuse this bundle if none of its input files changed since (dependents of a reload). */
  reuse?: CompiledModule | undefined;
  sharedModules?: SharedModuleLookup;
  sourceMaps?: boolean;
  activity?: ActivitySink | undefined;
  clock: () => number;
}

/** Compiles (or reuses), evaluates and validates one extension. Throws coded LoaderErrors. */
export async function prepareVersion(
  source: ExtensionSource,
  options: PrepareOptions,
): Promise<ExtensionVersion> {
  const started = options.clock();
  const compiled =
    options.reuse && (await isUpToDate(options.reuse))
      ? options.reuse
      : await compileExtension(source.entry, source.name, {
          sourceMaps: options.sourceMaps ?? false,
        });
  const exports = evaluateModule(compiled, source.name, {
    ...(options.sharedModules ? { sharedModules: options.sharedModules } : {}),
    ...(options.activity ? { activity: options.activity } : {}),
  });
  const read = readDefinition(exports, `"${source.name}" (${source.entry})`);
  const warnings = [...read.warnings];
  if (read.name !== source.name && source.kind !== 'package') {
    warnings.push(
      `extension at ${source.entry} is named "${read.name}" in its definition but "${source.name}" on disk; "${read.name}" is used`,
    );
  }
  return {
    source,
    compiled,
    definition: read.definition,
    name: read.name,
    version: read.definition.version,
    warnings,
    prepareMs: options.clock() - started,
  };
}

/** The resolver's view of a version. */
export function manifestOf(version: ExtensionVersion): ExtensionManifest {
  const def = version.definition;
  return {
    name: version.name,
    version: def.version,
    ...(def.dependencies ? { dependencies: def.dependencies } : {}),
    ...(def.optionalDependencies ? { optionalDependencies: def.optionalDependencies } : {}),
    ...(def.conflicts ? { conflicts: def.conflicts } : {}),
  };
}

/** The manifest part of a version's definition, as plain data (see `ExtensionHost#definitionOf`). */
export function manifestInfoOf(version: ExtensionVersion): ExtensionManifestInfo {
  const def = version.definition;
  return {
    ...manifestOf(version),
    description: def.description,
    author: def.author,
  };
}

/** Refuses a reload whose new code renamed the extension (that is an unload + a load). */
export function assertSameName(version: ExtensionVersion, expected: string): void {
  if (version.name === expected) return;
  throw new LoaderError(
    'ZRX_EXT_NAME_MISMATCH',
    `Reloading "${expected}" produced an extension named "${version.name}" (${version.source.entry}).`,
    `Restore the name "${expected}", or unload "${expected}" and load "${version.name}" instead.`,
    { extension: expected },
  );
}
