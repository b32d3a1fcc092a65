#!/usr/bin/env node
// Build step: copies the monorepo's templates/* into this package's templates/ (shipped through
// `files`) and records the version of every publishable package of the monorepo in
// templates/zoryx-versions.json, so the CLI can turn `workspace:^` ranges into published ones
// without a network call. Plain .mjs (no build of its own) because it runs right after tsup.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Kept in step with EXCLUDED_NAMES in src/copy-template.ts (a test compares them). */
export const EXCLUDED = [
  'node_modules',
  'dist',
  'data',
  'logs',
  '.env',
  '.turbo',
  'coverage',
  'tsconfig.tsbuildinfo',
];

async function readJson(path) {
  return JSON.parse(await readFile(path, 'utf8'));
}

async function dirs(path) {
  try {
    return (await readdir(path, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
}

/** name → version of every non-private package in `<root>/packages/*`. */
export async function publishedVersions(root) {
  const versions = {};
  for (const dir of (await dirs(join(root, 'packages'))).sort()) {
    let pkg;
    try {
      pkg = await readJson(join(root, 'packages', dir, 'package.json'));
    } catch {
      continue;
    }
    if (pkg.private !== true && typeof pkg.name === 'string') versions[pkg.name] = pkg.version;
  }
  return versions;
}

/**
 * Problems that would make a template broken outside the monorepo: `workspace:` dependencies on
 * packages that are not published, tsconfig files extending a path outside the template.
 */
export async function templateProblems(templateDir, versions) {
  const problems = [];
  const name = basename(templateDir);
  const pkg = await readJson(join(templateDir, 'package.json'));
  for (const field of [
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
      if (String(range).startsWith('workspace:') && versions[dep] === undefined) {
        problems.push(
          `${name}: ${field}.${dep} is ${range}, but ${dep} is not a published package of the monorepo`,
        );
      }
    }
  }
  for (const file of await readdir(templateDir)) {
    if (file === '.gitignore' || file === '.npmrc') {
      problems.push(`${name}/${file}: npm drops it when publishing; name it _${file.slice(1)}`);
    }
    if (!/^tsconfig.*\.json$/.test(file)) continue;
    const text = await readFile(join(templateDir, file), 'utf8');
    const extendsMatch = /"extends"\s*:\s*"(\.\.[^"]*)"/.exec(text);
    if (extendsMatch)
      problems.push(`${name}/${file} extends ${extendsMatch[1]}, outside the template`);
  }
  return problems;
}

/** Copies `<root>/templates/*` into `outDir` (emptied first) with the versions file. */
export async function bundleTemplates(root, outDir) {
  const versions = await publishedVersions(root);
  const from = join(root, 'templates');
  const templates = [];
  const problems = [];
  for (const name of (await dirs(from)).sort()) {
    try {
      await readFile(join(from, name, 'package.json'));
    } catch {
      continue;
    }
    problems.push(...(await templateProblems(join(from, name), versions)));
    templates.push(name);
  }
  if (problems.length > 0)
    throw new Error(`templates cannot be bundled:\n  ${problems.join('\n  ')}`);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  for (const name of templates) {
    await cp(join(from, name), join(outDir, name), {
      recursive: true,
      filter: (source) => !EXCLUDED.includes(basename(source)),
    });
  }
  await writeFile(
    join(outDir, 'zoryx-versions.json'),
    `${JSON.stringify({ packages: versions }, null, 2)}\n`,
  );
  return { templates, versions };
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  const here = fileURLToPath(new URL('..', import.meta.url));
  const { templates, versions } = await bundleTemplates(
    resolve(here, '../..'),
    join(here, 'templates'),
  );
  console.log(
    `bundled ${templates.length} template(s)${templates.length > 0 ? ` (${templates.join(', ')})` : ''}; recorded ${Object.keys(versions).length} package versions`,
  );
}
