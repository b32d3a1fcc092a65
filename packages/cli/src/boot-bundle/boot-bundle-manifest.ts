// The boot bundle on disk, in its folder (by default `<data>/cache/boot`): `runtime-<hash>.cjs`,
// the framework with discord.js, Sapphire and the rest of what it imports in one file,
// `runtime-<hash>.v8cache`, V8's compiled code of it (kept by the first bot started from it), and
// `runtime.json`, the manifest, written last. The manifest lists every file that went into the
// bundle (an installed package by its package.json) with its size and modification time: a bundle is used only while all of them are
// unchanged, so an upgrade (or a rebuilt workspace package) falls back to node_modules at once.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Version of the manifest's format; a manifest of another version is stale. */
export const BOOT_BUNDLE_FORMAT = 2;

/** The Node and V8 a code cache is for: another one refuses it, so the bundle is rebuilt. */
export function bootBundleRuntime(): string {
  return `node ${process.version} v8 ${process.versions.v8} ${process.platform}-${process.arch}`;
}
/** The manifest's file name in the folder. */
export const MANIFEST_FILE = 'runtime.json';

/** One input of the bundle: absolute path, modification time (ms), size (bytes). */
export type BootBundleInput = readonly [path: string, mtimeMs: number, size: number];

/** What `runtime.json` holds. */
export interface BootBundleManifest {
  readonly format: typeof BOOT_BUNDLE_FORMAT;
  /** {@link bootBundleRuntime} of the build. */
  readonly runtime: string;
  /** The bundle's file name, in the same folder. */
  readonly bundle: string;
  /** Its V8 code cache's file name (written after the first start from the bundle). */
  readonly cache: string;
  /** Module ids the bundle exports, in the order of its `m0`, `m1`… exports. */
  readonly shared: readonly string[];
  readonly inputs: readonly BootBundleInput[];
  readonly builtAt: string;
  readonly buildMs: number;
  /** Size of the bundle, bytes (it is ASCII: characters too). */
  readonly bytes: number;
}

/** Whether a folder's bundle can be used, and if not, why. */
export type BootBundleState =
  | { readonly usable: true; readonly manifest: BootBundleManifest; readonly file: string }
  | { readonly usable: false; readonly reason: string };

function isManifest(value: unknown): value is BootBundleManifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    m.format === BOOT_BUNDLE_FORMAT &&
    typeof m.runtime === 'string' &&
    typeof m.bundle === 'string' &&
    /^runtime-[\w-]+\.cjs$/.test(m.bundle) &&
    typeof m.cache === 'string' &&
    /^runtime-[\w-]+\.v8cache$/.test(m.cache) &&
    typeof m.bytes === 'number' &&
    Array.isArray(m.shared) &&
    m.shared.every((id) => typeof id === 'string') &&
    Array.isArray(m.inputs) &&
    m.inputs.every(
      (i) =>
        Array.isArray(i) &&
        typeof i[0] === 'string' &&
        typeof i[1] === 'number' &&
        typeof i[2] === 'number',
    )
  );
}

/**
 * Reads a folder's manifest and checks it against the files it lists (one `stat` each, ~700 for
 * the framework: a few milliseconds). Synchronous on purpose: the worker asks before it imports
 * anything else. Never throws: a missing, unreadable or stale bundle is a reason to load the
 * framework from node_modules, as without a bundle.
 */
export function bootBundleState(folder: string): BootBundleState {
  let text: string;
  try {
    text = readFileSync(join(folder, MANIFEST_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { usable: false, reason: code === 'ENOENT' ? 'not built yet' : `unreadable (${code})` };
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return { usable: false, reason: `${MANIFEST_FILE} is not JSON` };
  }
  if (!isManifest(manifest)) {
    return {
      usable: false,
      reason: `${MANIFEST_FILE} is not a manifest of format ${BOOT_BUNDLE_FORMAT}`,
    };
  }
  if (manifest.runtime !== bootBundleRuntime()) {
    return { usable: false, reason: `built for ${manifest.runtime}` };
  }
  const file = join(folder, manifest.bundle);
  const bundle = statSync(file, { throwIfNoEntry: false });
  if (bundle?.size !== manifest.bytes)
    return { usable: false, reason: `${manifest.bundle} is missing or changed` };
  for (const [path, mtimeMs, size] of manifest.inputs) {
    const now = statSync(path, { throwIfNoEntry: false });
    if (!now) return { usable: false, reason: `${path} is gone` };
    if (now.mtimeMs !== mtimeMs || now.size !== size)
      return { usable: false, reason: `${path} changed` };
  }
  return { usable: true, manifest, file };
}
