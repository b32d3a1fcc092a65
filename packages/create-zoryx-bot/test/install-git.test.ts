import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, copyFixtures, runIn, tempDir } from './harness';

// A fixed identity so `git commit` works on machines without a global git config.
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Zoryx Test',
  GIT_AUTHOR_EMAIL: 'test@zoryx.invalid',
  GIT_COMMITTER_NAME: 'Zoryx Test',
  GIT_COMMITTER_EMAIL: 'test@zoryx.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};
let cwd: string;

beforeEach(async () => {
  cwd = await tempDir();
});
afterEach(async () => {
  await cleanup(cwd);
});

describe('install', () => {
  test('real npm install of a zero-dependency template, then git init with a first commit', async () => {
    const result = await runIn(cwd, ['bot', '--yes', '--pm', 'npm'], { extraEnv: GIT_ENV });
    expect(result.stderr).not.toContain('ZRX_CREATE');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Installing dependencies with npm install');
    expect(existsSync(join(cwd, 'bot/package-lock.json'))).toBe(true);
    expect(result.stdout).toContain('Initialised a git repository with an initial commit.');
    const log = execFileSync('git', ['log', '--format=%s', '--name-only'], {
      cwd: join(cwd, 'bot'),
      encoding: 'utf8',
    });
    expect(log).toContain('Initial commit from create-zoryx-bot');
    expect(log).toContain('package-lock.json');
    expect(log).toContain('.gitignore');
    // Installed already, so the next steps skip the install line.
    expect(result.stdout).not.toContain('  npm install');
  });

  test('a failing install keeps the project and prints the command to retry', async () => {
    const templates = await copyFixtures(cwd);
    const pkg = join(templates, 'basic/package.json');
    const json = JSON.parse(await readFile(pkg, 'utf8')) as Record<string, unknown>;
    await writeFile(
      pkg,
      JSON.stringify({ ...json, dependencies: { missing: 'file:./missing.tgz' } }),
    );
    const result = await runIn(cwd, ['bot', '--yes', '--no-git'], {
      extraEnv: { ZORYX_CREATE_TEMPLATES_DIR: templates },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZRX_CREATE_INSTALL_FAILED: `npm install` failed');
    expect(result.stderr).toContain('The project was created and kept.');
    expect(result.stderr).toContain('cd bot && npm install');
    expect(existsSync(join(cwd, 'bot/src/index.js'))).toBe(true);
    expect(result.stdout).toContain('  cd bot\n  npm install\n');
  });
});

describe('git', () => {
  test('--no-git leaves no repository', async () => {
    expect((await runIn(cwd, ['bot', '--yes', '--no-install', '--no-git'])).code).toBe(0);
    expect(existsSync(join(cwd, 'bot/.git'))).toBe(false);
  });

  test('inside an existing repository git init is skipped, with a note', async () => {
    execFileSync('git', ['init', '-q'], { cwd });
    const result = await runIn(cwd, ['bot', '--yes', '--no-install'], { extraEnv: GIT_ENV });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Skipped git init: the project is inside an existing git repository.',
    );
    expect(existsSync(join(cwd, 'bot/.git'))).toBe(false);
  });

  test('without git on the PATH the project is still created, with a note', async () => {
    const emptyPath = join(cwd, 'no-bin');
    await mkdir(emptyPath);
    const result = await runIn(cwd, ['bot', '--yes', '--no-install'], {
      extraEnv: { PATH: emptyPath },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Skipped git init: git was not found on the PATH.');
    expect((await readdir(join(cwd, 'bot'))).sort()).toEqual([
      '.gitignore',
      'README.md',
      'package.json',
      'src',
    ]);
  });
});
