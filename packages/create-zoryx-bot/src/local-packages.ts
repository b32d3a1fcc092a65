import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { CreateError } from './create-error';

/** The manifest `scripts/create-bot.mjs` writes next to the tarballs: package name → file. */
export const LOCAL_PACKAGES_MANIFEST = 'zoryx-packages.json';

/** Where the tarballs go inside the new project (committed with it: installs stay offline). */
export const VENDOR_DIR = 'vendor/zoryx';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies'] as const;

async function readManifest(dir: string): Promise<Record<string, string>> {
  const path = join(dir, LOCAL_PACKAGES_MANIFEST);
  const refuse = (why: string, cause?: unknown) =>
    new CreateError(
      'ZRX_CREATE_LOCAL_PACKAGES',
      `--packages ${dir}: cannot read ${LOCAL_PACKAGES_MANIFEST} there (${why}).`,
      'Run `pnpm run create-bot <dir>` at the Zoryx repository root: it packs the packages and writes that manifest.',
      cause === undefined ? undefined : { cause },
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw refuse((error as Error).message, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw refuse('it is not an object of package names to tarball files');
  }
  return parsed as Record<string, string>;
}

/**
 * Points a freshly scaffolded project at local tarballs of the Zoryx packages instead of the npm
 * registry (for before they are published): the tarballs are copied to `vendor/zoryx/`, every
 * `@zoryx/*` dependency becomes `file:vendor/zoryx/<tarball>`, and `pnpm.overrides` plus npm's
 * `overrides` send the packages' own `@zoryx/*` dependencies to the same files.
 * @returns the package names now installed from tarballs.
 */
export async function useLocalPackages(projectDir: string, packagesDir: string): Promise<string[]> {
  const from = isAbsolute(packagesDir) ? packagesDir : resolve(packagesDir);
  const manifest = await readManifest(from);
  await mkdir(join(projectDir, VENDOR_DIR), { recursive: true });
  const specs: Record<string, string> = {};
  for (const [name, file] of Object.entries(manifest)) {
    await copyFile(join(from, file), join(projectDir, VENDOR_DIR, file));
    specs[name] = `file:${VENDOR_DIR}/${file}`;
  }
  const pkgPath = join(projectDir, 'package.json');
  const pkg = JSON.parse(await readFile(pkgPath, 'utf8')) as Record<string, unknown>;
  for (const field of DEPENDENCY_FIELDS) {
    const deps = pkg[field] as Record<string, string> | undefined;
    if (!deps) continue;
    for (const name of Object.keys(deps)) if (specs[name]) deps[name] = specs[name];
  }
  const pnpm = (pkg.pnpm ?? {}) as Record<string, unknown>;
  pkg.pnpm = {
    ...pnpm,
    overrides: { ...(pnpm.overrides as Record<string, string> | undefined), ...specs },
    // pnpm ≥ 10 runs no install scripts unless listed: the SQLite driver and esbuild need theirs.
    onlyBuiltDependencies: ['better-sqlite3', 'esbuild'],
  };
  pkg.overrides = { ...(pkg.overrides as Record<string, string> | undefined), ...specs };
  await writeFile(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  return Object.keys(specs).sort();
}
