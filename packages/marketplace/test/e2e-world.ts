// The world of the marketplace end-to-end test: a verdaccio on 127.0.0.1 (started with the
// release test's own helpers in scripts/e2e-release, not a copy of them), a bot folder whose
// @zoryx packages are links to this workspace, `zoryx dev --offline` running it against the
// emulator with the terminal chat on a pipe, and `zoryx ext …` runs against both.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FixturePackage } from './fixtures/extension-packages.js';

/** The workspace root (packages/marketplace/test → ../../..). */
export const WORKSPACE = resolve(import.meta.dirname, '../../..');
const ZORYX_BIN = join(WORKSPACE, 'packages/cli/bin/zoryx.mjs');

interface StartedProcess {
  readonly child: ChildProcess;
  output(): string;
}
/** What scripts/e2e-release/registry.mjs and friends export (plain .mjs, typed here). */
interface ReleaseHelpers {
  ensureVerdaccio(o: {
    env: Record<string, string | undefined>;
    verbose: boolean;
  }): Promise<boolean>;
  startRegistry(o: {
    dir: string;
    storage: string;
    uplink: string;
    env: Record<string, string | undefined>;
    verbose: boolean;
  }): Promise<{ url: string; token: string; proc: StartedProcess }>;
  registryEnv(o: { dir: string; registryUrl: string; token: string }): Promise<{
    install: Record<string, string | undefined>;
  }>;
  cleanEnv(): Record<string, string | undefined>;
  run(command: string, args: string[], o: Record<string, unknown>): Promise<string>;
  killAll(): Promise<void>;
}

async function releaseHelpers(): Promise<ReleaseHelpers> {
  const dir = join(WORKSPACE, 'scripts/e2e-release');
  const [registry, environment, processes] = await Promise.all([
    import(pathToFileURL(join(dir, 'registry.mjs')).href),
    import(pathToFileURL(join(dir, 'environment.mjs')).href),
    import(pathToFileURL(join(dir, 'processes.mjs')).href),
  ]);
  return { ...registry, ...environment, ...processes };
}

/** A finished `zoryx …` run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** The running `zoryx dev --offline` and its chat. */
export interface DevBot {
  /** Everything it printed so far. */
  output(): string;
  /** Types a chat line; resolves once `expected` appears in the output after it (or rejects at `timeoutMs`). */
  say(line: string, expected: string | RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** The test's world. */
export interface World {
  readonly registryUrl: string;
  readonly root: string;
  readonly botDir: string;
  /** The environment every npm / zoryx run gets: the local registry, a temp cache and userconfig. */
  readonly env: Record<string, string | undefined>;
  publish(pkg: FixturePackage): Promise<void>;
  zoryx(args: readonly string[]): Promise<CliRun>;
  startDev(): Promise<DevBot>;
  close(): Promise<void>;
}

const BOT_ENTRY = `import { createBot } from '@zoryx/framework';

const bot = await createBot({ cwd: process.cwd() });
await bot.start();
`;

/** Starts verdaccio on a random port and creates the bot folder (npm, with a lockfile). */
export async function createWorld(): Promise<World> {
  const helpers = await releaseHelpers();
  const root = await mkdtemp(join(tmpdir(), 'zoryx-marketplace-e2e-'));
  const verbose = process.env.ZORYX_E2E_VERBOSE === '1';
  await helpers.ensureVerdaccio({ env: helpers.cleanEnv(), verbose });
  const registry = await helpers.startRegistry({
    dir: join(root, 'registry'),
    storage: join(root, 'registry', 'storage'),
    // Nothing is proxied in practice: every package the test installs is published here or a link.
    uplink: 'https://registry.npmjs.org/',
    env: helpers.cleanEnv(),
    verbose,
  });
  const { install } = await helpers.registryEnv({
    dir: join(root, 'registry'),
    registryUrl: registry.url,
    token: registry.token,
  });
  const env = { ...install, ZORYX_LOG_LEVEL: 'warn', CI: process.env.CI };

  const botDir = join(root, 'bot');
  await mkdir(join(botDir, 'src'), { recursive: true });
  const pkg = {
    name: 'e2e-bot',
    private: true,
    type: 'module',
    dependencies: {
      '@zoryx/framework': `file:${join(WORKSPACE, 'packages/framework')}`,
      '@zoryx/marketplace': `file:${join(WORKSPACE, 'packages/marketplace')}`,
    },
  };
  await writeFile(join(botDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const config = {
    extensions: { packages: ['@zoryx/marketplace'] },
    logging: { file: false, level: 'warn' },
  };
  await writeFile(join(botDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  await writeFile(join(botDir, 'src/index.ts'), BOT_ENTRY);
  await helpers.run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: botDir,
    env,
    label: 'bot npm install',
    timeoutMs: 120_000,
    verbose,
  });

  const zoryxOnce = (args: readonly string[]): Promise<CliRun> =>
    new Promise((done, fail) => {
      const started = performance.now();
      const child = spawn(process.execPath, [ZORYX_BIN, ...args], {
        cwd: botDir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.once('error', fail);
      child.once('close', (code) =>
        done({ code: code ?? 1, stdout, stderr, ms: performance.now() - started }),
      );
    });

  // On a shared development machine other packages' dist/ folders are rebuilt (emptied, then
  // written) while this runs; a `zoryx` run that died importing one did nothing yet, so it is
  // run again. A dist/ that stays missing still fails the test.
  const zoryx = async (args: readonly string[]): Promise<CliRun> => {
    for (let attempt = 1; ; attempt++) {
      const result = await zoryxOnce(args);
      const importFailed = /Cannot find module '[^']*\/dist\//.test(result.stderr);
      if (!importFailed || attempt === 6) return result;
      await new Promise((r) => setTimeout(r, 10_000));
    }
  };

  const devBots: DevBot[] = [];
  return {
    registryUrl: registry.url,
    root,
    botDir,
    env,
    async publish(fixture) {
      const dir = join(root, 'packages', `${fixture.name}-${fixture.version}`);
      await mkdir(dir, { recursive: true });
      for (const [file, text] of Object.entries(fixture.files))
        await writeFile(join(dir, file), text);
      await helpers.run('npm', ['publish', '--registry', `${registry.url}/`, '--ignore-scripts'], {
        cwd: dir,
        env,
        label: `publish ${fixture.name}@${fixture.version}`,
        timeoutMs: 60_000,
        verbose,
      });
    },
    zoryx,
    async startDev() {
      for (let attempt = 1; ; attempt++) {
        const started = await startDevOnce();
        if (started.ok || attempt === 6) return started.bot;
        // The same concurrent-rebuild case as `zoryx` above: it died importing a dist/ file.
        await new Promise((r) => setTimeout(r, 10_000));
      }
    },
    async close() {
      for (const bot of devBots) await bot.stop();
      await helpers.killAll();
    },
  };

  async function startDevOnce(): Promise<{ ok: boolean; bot: DevBot }> {
    const child = spawn(
      process.execPath,
      [ZORYX_BIN, 'dev', '--offline', '--reply-timeout', '10000'],
      {
        cwd: botDir,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const waitFor = async (expected: string | RegExp, from: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const seen = output.slice(from);
        if (typeof expected === 'string' ? seen.includes(expected) : expected.test(seen))
          return seen;
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(
        `zoryx dev did not print ${String(expected)} within ${timeoutMs} ms; output:\n${output.slice(-4000)}`,
      );
    };
    const ready = await waitFor(/bot ready/, 0, 120_000).then(
      () => true,
      (error: unknown) => {
        if (/Cannot find module '[^']*\/dist\//.test(output)) return false;
        throw error;
      },
    );
    const bot: DevBot = {
      output: () => output,
      async say(line, expected, timeoutMs = 30_000) {
        const from = output.length;
        child.stdin?.write(`${line}\n`);
        return waitFor(expected, from, timeoutMs);
      },
      async stop() {
        if (child.exitCode !== null) return;
        const gone = new Promise((r) => child.once('exit', r));
        child.stdin?.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await gone;
        clearTimeout(timer);
      },
    };
    if (ready) devBots.push(bot);
    return { ok: ready, bot };
  }
}
