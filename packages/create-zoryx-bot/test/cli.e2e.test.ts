import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { cleanEnv, cleanup, FIXTURE_TEMPLATES, PACKAGE_ROOT, readJson, tempDir } from './harness';

const BIN = join(PACKAGE_ROOT, 'dist/cli.js');
let cwd: string;
beforeEach(async () => {
  cwd = await tempDir();
});
afterEach(async () => {
  await cleanup(cwd);
});

/** Spawns the built bin with stdin a pipe (so, not a terminal). */
function spawnBin(argv: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd,
      env: { ...cleanEnv(), ZORYX_CREATE_TEMPLATES_DIR: FIXTURE_TEMPLATES, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdin.end();
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the built bin prints help and version', async () => {
  const help = await spawnBin(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('Usage: create-zoryx-bot [project-dir] [options]');
  const version = await spawnBin(['--version']);
  expect(version.stdout.trim()).toBe(
    ((await readJson(join(PACKAGE_ROOT, 'package.json'))) as { version: string }).version,
  );
});

test('piped stdin without --yes exits 1 with ZRX_CREATE_NOT_INTERACTIVE', async () => {
  const result = await spawnBin(['bot']);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('ZRX_CREATE_NOT_INTERACTIVE');
  expect(await readdir(cwd)).toEqual([]);
});

test('a usage error exits 2', async () => {
  const result = await spawnBin(['--what']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('ZRX_CREATE_USAGE');
});

test('--yes end to end: npm install and git commit in a real project', async () => {
  const result = await spawnBin(['e2e-bot', '--yes', '--pm', 'npm'], {
    GIT_AUTHOR_NAME: 'Zoryx Test',
    GIT_AUTHOR_EMAIL: 'test@zoryx.invalid',
    GIT_COMMITTER_NAME: 'Zoryx Test',
    GIT_COMMITTER_EMAIL: 'test@zoryx.invalid',
  });
  expect(result.stderr).not.toContain('ZRX_CREATE');
  expect(result.code).toBe(0);
  expect(existsSync(join(cwd, 'e2e-bot/package-lock.json'))).toBe(true);
  expect(existsSync(join(cwd, 'e2e-bot/.git/HEAD'))).toBe(true);
  expect((await readJson(join(cwd, 'e2e-bot/package.json'))).name).toBe('e2e-bot');
  expect(result.stdout).toContain('npm run dev:offline');
});

test('without ZORYX_CREATE_TEMPLATES_DIR the bundled templates folder is used', async () => {
  const result = await spawnBin(
    ['bot', '--yes', '--no-install', '--no-git', '--template', 'zzz-none'],
    {
      ZORYX_CREATE_TEMPLATES_DIR: '',
    },
  );
  expect(result.code).toBe(1);
  // Whatever the monorepo ships today, the error names the package's own templates folder
  // or its templates; never the fixtures.
  expect(result.stderr).not.toContain('basic');
  expect(result.stderr).toMatch(/ZRX_CREATE_(UNKNOWN_TEMPLATE|NO_TEMPLATES)/);
});
