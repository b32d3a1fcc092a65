import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ResolverError } from './resolver-error';

/** What the CLI read: manifests (as parsed JSON, validated later by `resolve`) and where each came from. */
export interface CliInput {
  readonly manifests: unknown[];
  /** `sources[i]` is the file `manifests[i]` came from. */
  readonly sources: string[];
  readonly loaded: unknown[] | undefined;
  /** Things worth telling the user that are not manifest problems (ignored folders). */
  readonly notes: string[];
}

/**
 * Reads the CLI's argument:
 * - a JSON file holding an array of manifests, or `{ "manifests": [...], "loaded": [...] }`;
 * - a directory whose entries, in name order, are `*.json` files (one manifest, or an array)
 *   and extension folders holding `manifest.json`, or a `package.json` with a `"zoryx"` object
 *   (`name` and `version` default to the package's own).
 */
export async function readCliInput(path: string): Promise<CliInput> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) {
    throw new ResolverError(
      'ZRX_RESOLVE_INPUT',
      `No such file or directory: ${path}`,
      'Pass a JSON file with an array of manifests, or a folder of extensions.',
    );
  }
  const input: CliInput = { manifests: [], sources: [], loaded: undefined, notes: [] };
  if (!info.isDirectory()) {
    const value = await readJson(path);
    if (Array.isArray(value)) {
      add(input, value, path);
      return input;
    }
    if (typeof value === 'object' && value !== null && 'manifests' in value) {
      const { manifests, loaded } = value as { manifests: unknown; loaded?: unknown };
      add(input, Array.isArray(manifests) ? manifests : [manifests], path);
      if (loaded !== undefined)
        return { ...input, loaded: Array.isArray(loaded) ? loaded : [loaded] };
      return input;
    }
    add(input, [value], path);
    return input;
  }
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(path, entry.name);
    if (entry.isFile() && entry.name.endsWith('.json')) {
      const value = await readJson(full);
      add(input, Array.isArray(value) ? value : [value], full);
    } else if (entry.isDirectory()) {
      const manifest = await readFolder(full);
      if (manifest === undefined) {
        input.notes.push(
          `${full}: no manifest.json or package.json with a "zoryx" field; skipped.`,
        );
      } else {
        add(input, [manifest.value], manifest.file);
      }
    }
  }
  return input;
}

function add(input: CliInput, values: readonly unknown[], source: string): void {
  for (const value of values) {
    input.manifests.push(value);
    input.sources.push(source);
  }
}

async function readFolder(folder: string): Promise<{ value: unknown; file: string } | undefined> {
  const manifestFile = join(folder, 'manifest.json');
  if (await exists(manifestFile))
    return { value: await readJson(manifestFile), file: manifestFile };
  const packageFile = join(folder, 'package.json');
  if (!(await exists(packageFile))) return undefined;
  const pkg = (await readJson(packageFile)) as Record<string, unknown> | null;
  const zoryx = pkg?.zoryx;
  if (typeof zoryx !== 'object' || zoryx === null) return undefined;
  return { value: { name: pkg?.name, version: pkg?.version, ...zoryx }, file: packageFile };
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() === true;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ResolverError(
      'ZRX_RESOLVE_INPUT',
      `Cannot read ${file}: ${(error as Error).message}`,
      'Check that the file exists and is readable.',
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ResolverError(
      'ZRX_RESOLVE_INPUT',
      `Invalid JSON in ${file}: ${(error as Error).message}`,
      `Fix the JSON syntax of ${file} (a manifest looks like { "name": "music", "version": "1.0.0" }).`,
    );
  }
}
