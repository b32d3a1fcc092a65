#!/usr/bin/env node
// End-to-end release test: builds the publishable packages, publishes them to a local verdaccio,
// creates a bot with `npm create zoryx-bot@latest` from it, adds two extensions (the greeter of
// the extension API contract and one with a raw Sapphire command), type-checks and builds the bot
// and checks that it answers /ping, !ping, /greet, !greet, @Bot greet and /rawping, !rawping
// against @zoryx/emulator. Usage and flow: ./README.md.
//
//   node scripts/e2e-release/run.mjs [--verbose] [--keep] [--cold] [--skip-build] [--max-seconds N]
//
// Exit code 0 when every step passed, 1 on any failure (the failing step, why, and the last lines
// of its output are printed), 130/143 when interrupted. Verdaccio and every child process are
// stopped and the temp folder is removed in every case (unless --keep).
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanEnv, registryEnv, userNpmSettings } from './environment.mjs';
import { E2eError, killAll, run, stop } from './processes.mjs';
import { registryStorage } from './proxy-cache.mjs';
import { ensureVerdaccio, startRegistry } from './registry.mjs';

const PNPM = 'pnpm@10.34.8';
const BOT = 'e2e-bot';
/** The issue's goal for "npm create → first reply" (reported; --max-seconds makes it a failure). */
const GOAL_SECONDS = 60;

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..', '..');

const { values: flags } = parseArgs({
  options: {
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    cold: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'max-seconds': { type: 'string' },
  },
});
const verbose = flags.verbose;

const timings = [];
let temp;
let registry;
let storage;
let cleaning;
let interrupted = false;

function log(line) {
  process.stdout.write(`e2e-release: ${line}\n`);
}

async function step(name, fn) {
  const started = Date.now();
  log(`${name}…`);
  const result = await fn();
  const ms = Date.now() - started;
  timings.push([name, ms]);
  log(`${name}: done in ${(ms / 1000).toFixed(1)} s`);
  return result;
}

/** Every package `pnpm publish -r` publishes (non-private, in packages/*): name → { version, dir }. */
async function publishable() {
  const found = {};
  for (const dir of await readdir(join(repo, 'packages'))) {
    const pkg = JSON.parse(
      await readFile(join(repo, 'packages', dir, 'package.json'), 'utf8').catch(() => '{}'),
    );
    if (pkg.name && pkg.private !== true) {
      found[pkg.name] = { version: pkg.version, dir: join(repo, 'packages', dir) };
    }
  }
  return found;
}

/** With --skip-build: every package to publish must have been built already. */
async function checkBuilt(packages) {
  const unbuilt = [];
  for (const [name, { dir }] of Object.entries(packages)) {
    const files = await readdir(join(dir, 'dist')).catch(() => []);
    if (files.length === 0) unbuilt.push(name);
  }
  if (unbuilt.length > 0) {
    throw new E2eError(
      `--skip-build: no dist/ in ${unbuilt.join(', ')}. Build first (npx ${PNPM} run build) or drop --skip-build.`,
    );
  }
  log(
    `--skip-build: publishing the dist/ folders as they are (${Object.keys(packages).length} packages)`,
  );
}

async function checkPublished(url, packages) {
  const missing = [];
  for (const [name, { version }] of Object.entries(packages)) {
    const res = await fetch(`${url}/${name.replace('/', '%2f')}`);
    const body = res.ok ? await res.json() : {};
    if (!body.versions?.[version]) missing.push(`${name}@${version}`);
  }
  if (missing.length > 0) {
    throw new E2eError(
      `publish: not on the local registry after pnpm publish: ${missing.join(', ')}`,
    );
  }
}

/** Every @zoryx/* package of the created bot must come from the local registry. */
async function checkInstalledFromLocal(project, url) {
  const lock = JSON.parse(await readFile(join(project, 'package-lock.json'), 'utf8'));
  const ours = Object.entries(lock.packages ?? {}).filter(([path]) =>
    /node_modules\/@zoryx\/[^/]+$/.test(path),
  );
  if (ours.length === 0) {
    throw new E2eError('create: the bot has no @zoryx/* package in its package-lock.json.');
  }
  const foreign = ours.filter(([, entry]) => !String(entry.resolved).startsWith(url));
  if (foreign.length > 0) {
    throw new E2eError(
      `create: installed from elsewhere than ${url}: ${foreign.map(([p, e]) => `${p} (${e.resolved})`).join(', ')}`,
    );
  }
  return ours.length;
}

/**
 * better-sqlite3 compiles from source during the bot's install (no prebuilt binary offline). npm 11
 * only warns about dependency install scripts not listed in `allowScripts`; npm 12 skips them,
 * which would leave the bot without SQLite: say so plainly rather than as a crash at start.
 */
async function checkNativeBuilt(project) {
  const binding = join(project, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  const built = await readdir(dirname(binding)).then(
    (files) => files.includes(basename(binding)),
    () => false,
  );
  if (!built) {
    throw new E2eError(
      `create: better-sqlite3 was not compiled (no ${binding}): its install script did not run. ` +
        "npm >= 12 runs dependency install scripts only for packages listed in the project's " +
        '"allowScripts" (templates/default/package.json needs "better-sqlite3": true).',
    );
  }
}

/**
 * What a bot author adds: `extensions/greeter/index.ts`, the extension API contract (the
 * template's test fixture: `@zoryx/framework` only, no casts), and `extensions/raw-ping/index.ts`,
 * a raw Sapphire command from an extension importing `@sapphire/framework` itself.
 */
async function addExtensions(project) {
  const files = {
    'extensions/greeter/index.ts': join(repo, 'templates/default/test/fixtures/greeter/index.ts'),
    'extensions/raw-ping/index.ts': join(here, 'raw-sapphire-extension.ts'),
  };
  for (const [path, source] of Object.entries(files)) {
    await mkdir(dirname(join(project, path)), { recursive: true });
    await writeFile(join(project, path), await readFile(source, 'utf8'));
  }
  const greeter = await readFile(files['extensions/greeter/index.ts'], 'utf8');
  if (/\bas\s/.test(greeter)) throw new E2eError('the greeter fixture has a cast (`as`).');
}

async function driveBot(project, env) {
  const driver = join(project, '.e2e-driver.mjs');
  await copyFile(join(here, 'bot-driver.mjs'), driver);
  let output;
  try {
    output = await run(process.execPath, [driver], {
      cwd: project,
      env,
      label: 'bot',
      timeoutMs: 150_000,
      verbose,
    });
  } catch (error) {
    output = error instanceof E2eError ? error.output : '';
    if (!output.includes('ZORYX_E2E_RESULT')) throw error;
  }
  const line = output.split('\n').find((l) => l.startsWith('ZORYX_E2E_RESULT '));
  const result = JSON.parse(line.slice('ZORYX_E2E_RESULT '.length));
  if (!result.ok) {
    throw new E2eError(`bot: ${result.error}`, `bot output (last lines):\n${result.botOutput}`);
  }
  return result;
}

async function main() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new E2eError(`Node ${process.versions.node} is too old: Zoryx needs >= 20.19.0.`);
  }
  const started = Date.now();
  const npmSettings = userNpmSettings();
  const hostEnv = cleanEnv();
  temp = await mkdtemp(join(tmpdir(), 'zoryx-e2e-'));
  log(`temp folder ${temp}`);

  const installed = await step('install verdaccio', () =>
    ensureVerdaccio({ env: hostEnv, verbose }),
  );
  if (!installed) timings[timings.length - 1][0] = 'install verdaccio (already installed)';
  const packages = await publishable();
  if (flags['skip-build']) {
    await checkBuilt(packages);
  } else {
    await step('build the publishable packages', () =>
      run('npx', ['-y', PNPM, 'exec', 'turbo', 'run', 'build', '--filter=./packages/*'], {
        cwd: repo,
        env: hostEnv,
        label: 'build',
        timeoutMs: 600_000,
        verbose,
      }),
    );
  }
  storage = registryStorage({ cold: flags.cold, fallback: join(temp, 'registry', 'storage') });
  if (storage.busy) log('the proxy cache is in use by another run: starting from empty storage');
  registry = await step(`start verdaccio (${storage.cached ? 'proxy cache kept' : 'cold'})`, () =>
    startRegistry({
      dir: join(temp, 'registry'),
      storage: storage.path,
      uplink: npmSettings.registry,
      env: hostEnv,
      verbose,
    }),
  );
  log(`registry ${registry.url} (uplink ${npmSettings.registry})`);
  const env = await registryEnv({
    dir: temp,
    registryUrl: registry.url,
    token: registry.token,
    nodedir: npmSettings.nodedir,
  });
  await step(`publish ${Object.keys(packages).length} packages`, async () => {
    await run(
      'npx',
      ['-y', PNPM, '-r', 'publish', '--registry', `${registry.url}/`, '--no-git-checks'],
      { cwd: repo, env: env.publish, label: 'publish', timeoutMs: 180_000, verbose },
    );
    await checkPublished(registry.url, packages);
  });

  const work = join(temp, 'work');
  await mkdir(work);
  const project = join(work, BOT);
  const createdAt = Date.now();
  await step(`npm create zoryx-bot@latest ${BOT} -- --yes (with install)`, () =>
    run('npm', ['create', 'zoryx-bot@latest', BOT, '--', '--yes'], {
      cwd: work,
      env: env.install,
      label: 'create',
      timeoutMs: 420_000,
      verbose,
    }),
  );
  const fromLocal = await checkInstalledFromLocal(project, registry.url);
  await checkNativeBuilt(project);
  log(`${fromLocal} @zoryx/* packages installed from the local registry`);
  await addExtensions(project);
  await step('npx tsc --noEmit (the bot, with the greeter and raw-ping extensions)', () =>
    run('npx', ['tsc', '--noEmit'], {
      cwd: project,
      env: env.install,
      label: 'bot typecheck',
      timeoutMs: 180_000,
      verbose,
    }),
  );
  await step('npm run build (the bot)', () =>
    run('npm', ['run', 'build'], {
      cwd: project,
      env: env.install,
      label: 'bot build',
      timeoutMs: 180_000,
      verbose,
    }),
  );
  const result = await step(
    'start the bot against @zoryx/emulator: /ping, !ping, greet (3 forms), rawping (2 forms)',
    () => driveBot(project, env.install),
  );

  const createToReply = (result.firstReplyAt - createdAt) / 1000;
  const publishTotal = (createdAt - started) / 1000;
  log('summary');
  for (const [name, ms] of timings) log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${name}`);
  for (const [command, reply] of Object.entries(result.replies)) {
    log(`  ${command} → ${JSON.stringify(reply)}`);
  }
  log(`  before create (verdaccio, build, publish): ${publishTotal.toFixed(1)} s`);
  // A verdict belongs to a quiet machine (`--max-seconds 60`); inside CI the other lanes share the
  // cores, so the time is reported with the load it was taken under.
  log(
    `  create → first reply: ${createToReply.toFixed(1)} s at load average ${loadavg()[0].toFixed(1)} (the goal, < ${GOAL_SECONDS} s, is checked on a quiet machine with --max-seconds ${GOAL_SECONDS})`,
  );
  log(`  total: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const max = flags['max-seconds'] === undefined ? undefined : Number(flags['max-seconds']);
  if (max !== undefined && createToReply > max) {
    throw new E2eError(
      `create → first reply took ${createToReply.toFixed(1)} s, over --max-seconds ${max}.`,
    );
  }
}

async function cleanup() {
  cleaning ??= (async () => {
    if (registry) await stop(registry.proc.child);
    await killAll();
    storage?.release();
    if (temp && !flags.keep) await rm(temp, { recursive: true, force: true, maxRetries: 3 });
    else if (temp) log(`kept ${temp}`);
  })();
  return cleaning;
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: stopping verdaccio and the children, removing the temp folder…`);
    cleanup().finally(() => process.exit(code));
  });
}

function report(error) {
  process.stderr.write(`\ne2e-release: FAIL: ${error instanceof Error ? error.message : error}\n`);
  if (error instanceof E2eError && error.output) {
    process.stderr.write(`${error.output}\n`);
  } else if (!(error instanceof E2eError) && error instanceof Error) {
    process.stderr.write(`${error.stack}\n`);
  }
  process.stderr.write(
    "e2e-release: rerun with --verbose (every step's output) and --keep (keep the temp folder).\n",
  );
}

try {
  await main();
  log('PASS');
} catch (error) {
  process.exitCode = 1;
  // When interrupted, the step fails only because its processes were stopped: nothing to report.
  if (!interrupted) report(error);
} finally {
  await cleanup();
}
