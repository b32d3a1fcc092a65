#!/usr/bin/env node
// `pnpm run create-bot <dir>`: a new bot from this checkout, before (or without) any package on
// npm. Builds what the starter template needs, packs those packages as the registry would get
// them (`pnpm pack` turns workspace: ranges into versions), scaffolds <dir> with create-zoryx-bot
// --packages (the tarballs go to <dir>/vendor/zoryx and every @zoryx/* dependency points there),
// and installs it offline from the pnpm store this checkout's install filled. After publishing,
// `npm create zoryx-bot` is the same flow against the registry.
//
//   node scripts/create-bot/create-bot.mjs <dir> [--no-install]
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seconds, step } from '../lib/progress.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PNPM = ['-y', 'pnpm@10.34.8'];
const started = Date.now();

async function readJson(path) {
  return JSON.parse(await readFile(path, 'utf8'));
}

/** name → folder of every workspace package in packages/. */
export async function workspacePackages() {
  const byName = new Map();
  for (const dir of await readdir(join(root, 'packages'))) {
    const pkg = await readJson(join(root, 'packages', dir, 'package.json')).catch(() => null);
    if (pkg?.name) byName.set(pkg.name, { dir: join(root, 'packages', dir), pkg });
  }
  return byName;
}

/** The workspace packages the template needs, with theirs (dependencies only), and the scaffolder. */
export async function closure(byName) {
  const template = await readJson(join(root, 'templates', 'default', 'package.json'));
  const wanted = new Set(['create-zoryx-bot']);
  const queue = Object.keys({ ...template.dependencies, ...template.devDependencies });
  while (queue.length > 0) {
    const name = queue.pop();
    if (wanted.has(name) || !byName.has(name)) continue;
    wanted.add(name);
    queue.push(...Object.keys(byName.get(name).pkg.dependencies ?? {}));
  }
  return [...wanted].sort();
}

async function main() {
  const args = process.argv.slice(2);
  const install = !args.includes('--no-install');
  const target = args.find((arg) => !arg.startsWith('--'));
  if (!target) {
    process.stderr.write('usage: pnpm run create-bot <dir> [--no-install]\n');
    process.exit(2);
  }
  const dir = resolve(process.cwd(), target);
  const byName = await workspacePackages();
  const names = await closure(byName);
  const filters = names.map((name) => `--filter=${name}...`);
  await step(
    `Building ${names.length} packages (cached ones are instant)`,
    'npx',
    [...PNPM, 'exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'],
    { cwd: root },
  );

  const packed = join(root, '.zoryx-packages');
  await rm(packed, { recursive: true, force: true });
  await mkdir(packed, { recursive: true });
  const since = Date.now();
  process.stdout.write(`Packing ${names.length} packages into ${relative(root, packed)}/…\n`);
  const manifest = {};
  for (const name of names) {
    const out = await step(`  ${name}`, 'npx', [...PNPM, 'pack', '--pack-destination', packed], {
      cwd: byName.get(name).dir,
      quiet: true,
    });
    const tarball = out.trim().split('\n').at(-1).trim();
    manifest[name] = tarball.split('/').at(-1);
  }
  await writeFile(join(packed, 'zoryx-packages.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`  packed (${seconds(since)})\n`);

  await step(
    `Scaffolding ${relative(process.cwd(), dir) || '.'}`,
    process.execPath,
    [
      join(root, 'packages', 'create-zoryx-bot', 'bin', 'create-zoryx-bot.mjs'),
      dir,
      '--yes',
      '--no-install',
      '--no-git',
      '--pm',
      'npm',
      '--packages',
      packed,
    ],
    { cwd: root },
  );

  if (install) {
    // Offline from the pnpm store this checkout's install filled (third-party packages and the
    // SQLite driver's built binary); --prefer-offline fetches only what the store lacks.
    await step(
      'Installing (offline, from the local pnpm store)',
      'npx',
      [...PNPM, 'install', '--offline', '--reporter=append-only'],
      { cwd: dir },
    ).catch(() =>
      step(
        'Installing (the store lacked something: --prefer-offline)',
        'npx',
        [...PNPM, 'install', '--prefer-offline', '--reporter=append-only'],
        { cwd: dir },
      ),
    );
  }
  const shown = relative(process.cwd(), dir) || '.';
  process.stdout.write(
    `\nCreated ${shown} in ${seconds(started)}. Next:\n  cd ${shown}\n  npm run dev:offline    # a chat with your bot, no token needed\n  npm test\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`create-bot: ${error.message}\n`);
    process.exit(1);
  });
}
