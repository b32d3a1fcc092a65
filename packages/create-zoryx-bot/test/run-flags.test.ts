import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, copyFixtures, readJson, runIn, tempDir } from './harness';

const QUIET = ['--no-install', '--no-git'];
let cwd: string;

beforeEach(async () => {
  cwd = await tempDir();
});
afterEach(async () => {
  await cleanup(cwd);
});

describe('informational flags', () => {
  test('--help prints the usage with every option, exit 0, nothing created', async () => {
    const result = await runIn(cwd, ['--help']);
    expect(result.code).toBe(0);
    for (const flag of [
      '--yes',
      '--template',
      '--pm',
      '--no-install',
      '--no-git',
      '--force',
      '--help',
      '--version',
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(await readdir(cwd)).toEqual([]);
  });

  test('-v / --version print the package version', async () => {
    const { version } = (await readJson(join(import.meta.dirname, '../package.json'))) as {
      version: string;
    };
    expect((await runIn(cwd, ['--version'])).stdout).toBe(`${version}\n`);
    expect((await runIn(cwd, ['-v'])).stdout).toBe(`${version}\n`);
  });
});

describe('--yes with defaults', () => {
  test('no directory: creates my-zoryx-bot from the first template, prints next steps', async () => {
    const result = await runIn(cwd, ['--yes', ...QUIET]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const dir = join(cwd, 'my-zoryx-bot');
    expect((await readdir(dir)).sort()).toEqual(['.gitignore', 'README.md', 'package.json', 'src']);
    expect(await readFile(join(dir, 'src/index.js'), 'utf8')).toContain('hello from basic');
    expect(result.stdout).toContain('from the "basic" template');
    expect(result.stdout).toContain('  cd my-zoryx-bot\n  npm install\n  npm run dev ');
    expect(result.stdout).toContain('npm run dev:offline');
    expect(await readdir(cwd)).toEqual(['my-zoryx-bot']);
  });

  test('package.json: project name, version 0.1.0, private, monorepo fields dropped', async () => {
    expect((await runIn(cwd, ['bots', '--yes', ...QUIET])).code).toBe(0);
    const pkg = await readJson(join(cwd, 'bots/package.json'));
    expect(pkg).toMatchObject({ name: 'bots', version: '0.1.0', private: true, type: 'module' });
    expect(pkg).not.toHaveProperty('repository');
    expect(pkg).not.toHaveProperty('publishConfig');
    expect(Object.keys(pkg.scripts as object)).toEqual(['dev', 'dev:offline', 'start']);
  });

  test('excluded folders and secrets are never copied; template.json stays behind', async () => {
    const templates = await copyFixtures(cwd);
    for (const junk of ['node_modules/x', 'dist', 'data', '.turbo', 'src/node_modules']) {
      await mkdir(join(templates, 'basic', junk), { recursive: true });
      await writeFile(join(templates, 'basic', junk, 'file.txt'), 'junk');
    }
    await writeFile(join(templates, 'basic', '.env'), 'DISCORD_TOKEN=secret');
    await writeFile(join(templates, 'basic', '.env.example'), 'DISCORD_TOKEN=');
    const result = await runIn(cwd, ['bot', '--yes', ...QUIET], {
      extraEnv: { ZORYX_CREATE_TEMPLATES_DIR: templates },
    });
    expect(result.code).toBe(0);
    expect((await readdir(join(cwd, 'bot'))).sort()).toEqual([
      '.env.example',
      '.gitignore',
      'README.md',
      'package.json',
      'src',
    ]);
    expect(await readdir(join(cwd, 'bot/src'))).toEqual(['index.js']);
    expect(await readFile(join(cwd, 'bot/.gitignore'), 'utf8')).toContain('node_modules');
  });
});

describe('--template', () => {
  test('workspace: ranges become the recorded published versions', async () => {
    const result = await runIn(cwd, ['deps-bot', '--yes', '--template', 'with-deps', ...QUIET]);
    expect(result.code).toBe(0);
    const pkg = await readJson(join(cwd, 'deps-bot/package.json'));
    expect(pkg.dependencies).toEqual({
      '@zoryx/hooks': '^1.2.3',
      '@zoryx/store': '0.4.0',
      semver: '^7.7.3',
    });
    expect(pkg.devDependencies).toEqual({ '@zoryx/hooks': '~1.2.3' });
    expect(pkg).not.toHaveProperty('packageManager');
  });

  test('-t is the short form', async () => {
    expect((await runIn(cwd, ['b', '-y', '-t', 'with-deps', ...QUIET])).code).toBe(0);
    expect(existsSync(join(cwd, 'b/src/index.ts'))).toBe(true);
  });

  test('an unknown template is refused, naming the available ones; nothing created', async () => {
    const result = await runIn(cwd, ['bot', '--yes', '--template', 'fancy', ...QUIET]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZRX_CREATE_UNKNOWN_TEMPLATE');
    expect(result.stderr).toContain('available: basic, with-deps');
    expect(await readdir(cwd)).toEqual([]);
  });

  test('a workspace dependency with no recorded version is refused before writing', async () => {
    const templates = await copyFixtures(cwd);
    await writeFile(
      join(templates, 'zoryx-versions.json'),
      JSON.stringify({ packages: { '@zoryx/hooks': '1.0.0' } }),
    );
    const result = await runIn(cwd, ['bot', '--yes', '-t', 'with-deps', ...QUIET], {
      extraEnv: { ZORYX_CREATE_TEMPLATES_DIR: templates },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZRX_CREATE_TEMPLATE_INVALID');
    expect(result.stderr).toContain('@zoryx/store@workspace:*');
    expect(await readdir(cwd)).toEqual(['templates']);
  });

  test('a templates folder without templates is reported', async () => {
    const empty = join(cwd, 'empty');
    await mkdir(empty);
    const result = await runIn(cwd, ['bot', '--yes', ...QUIET], {
      extraEnv: { ZORYX_CREATE_TEMPLATES_DIR: empty },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZRX_CREATE_NO_TEMPLATES');
  });
});

describe('--pm', () => {
  test.each([
    ['npm', 'npm install', 'npm run dev'],
    ['pnpm', 'pnpm install', 'pnpm dev'],
    ['yarn', 'yarn\n', 'yarn dev'],
    ['bun', 'bun install', 'bun run dev'],
  ])('--pm %s shapes the next steps', async (pm, install, dev) => {
    const result = await runIn(cwd, ['bot', '--yes', '--pm', pm, ...QUIET]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`  ${install}`);
    expect(result.stdout).toContain(`  ${dev} `);
  });

  test('without --pm, the package manager comes from npm_config_user_agent', async () => {
    const result = await runIn(cwd, ['bot', '--yes', ...QUIET], {
      extraEnv: { npm_config_user_agent: 'pnpm/10.34.8 npm/? node/v20.19.0 linux x64' },
    });
    expect(result.stdout).toContain('  pnpm install\n  pnpm dev ');
  });

  test('an unsupported --pm is a usage error', async () => {
    const result = await runIn(cwd, ['bot', '--yes', '--pm', 'pip']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'ZRX_CREATE_USAGE: --pm pip is not a supported package manager',
    );
  });

  test('a package manager that is not installed is refused before writing anything', async () => {
    const emptyPath = join(cwd, 'no-bin');
    await mkdir(emptyPath);
    const result = await runIn(cwd, ['bot', '--yes', '--pm', 'pnpm', '--no-git'], {
      extraEnv: { PATH: emptyPath },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZRX_CREATE_PM_NOT_FOUND: pnpm was not found');
    expect(result.stderr).toContain('--no-install');
    expect(await readdir(cwd)).toEqual(['no-bin']);
  });

  test('--no-install does not need the package manager', async () => {
    const emptyPath = join(cwd, 'no-bin');
    await mkdir(emptyPath);
    const result = await runIn(cwd, ['bot', '--yes', '--pm', 'bun', ...QUIET], {
      extraEnv: { PATH: emptyPath },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  bun install');
  });
});

describe('usage errors and non-interactive refusals', () => {
  test.each([
    [['--nope'], "Unknown option '--nope'"],
    [['a', 'b', '--yes'], 'Expected one project directory, got 2: a b'],
    [['--yes', '--template'], "Option '-t, --template <value>' argument missing"],
  ])('%j → ZRX_CREATE_USAGE, exit 2, usage shown', async (argv, message) => {
    const result = await runIn(cwd, argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ZRX_CREATE_USAGE');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: create-zoryx-bot');
    expect(await readdir(cwd)).toEqual([]);
  });

  test('no terminal and no --yes: refused with the flags to use, even with a directory', async () => {
    const result = await runIn(cwd, ['bot', '--template', 'basic']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZRX_CREATE_NOT_INTERACTIVE');
    expect(result.stderr).toContain('--yes');
    expect(await readdir(cwd)).toEqual([]);
  });
});
