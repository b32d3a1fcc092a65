import { execFileSync } from 'node:child_process';
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

describe('project names', () => {
  test.each([
    ['My Bot', 'my-bot'],
    ['UPPER', 'upper'],
    ['_private', 'private'],
    ['node_modules', 'node_modules'],
  ])('"%s" is refused with ZRX_CREATE_INVALID_NAME; nothing created', async (name, suggestion) => {
    const result = await runIn(cwd, [name, '--yes', ...QUIET]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ZRX_CREATE_INVALID_NAME: "${name}"`);
    expect(result.stderr).toContain(`try "${suggestion}"`);
    expect(await readdir(cwd)).toEqual([]);
  });

  test('the name is the base name of a nested path; missing parents are created', async () => {
    const result = await runIn(cwd, ['bots/deep/alpha-bot', '--yes', ...QUIET]);
    expect(result.code).toBe(0);
    expect((await readJson(join(cwd, 'bots/deep/alpha-bot/package.json'))).name).toBe('alpha-bot');
    expect(result.stdout).toContain('cd bots/deep/alpha-bot');
  });
});

describe('existing directories', () => {
  test('a non-empty directory is refused without --force and left untouched', async () => {
    await mkdir(join(cwd, 'bot'));
    await writeFile(join(cwd, 'bot/notes.txt'), 'mine');
    const result = await runIn(cwd, ['bot', '--yes', ...QUIET]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZRX_CREATE_DIR_NOT_EMPTY');
    expect(result.stderr).toContain('--force');
    expect(await readdir(join(cwd, 'bot'))).toEqual(['notes.txt']);
  });

  test('--force writes into it: template files replace same paths, other files stay', async () => {
    await mkdir(join(cwd, 'bot/src'), { recursive: true });
    await writeFile(join(cwd, 'bot/notes.txt'), 'mine');
    await writeFile(join(cwd, 'bot/README.md'), 'old readme');
    await writeFile(join(cwd, 'bot/src/extra.js'), 'mine too');
    const result = await runIn(cwd, ['bot', '--yes', '--force', ...QUIET]);
    expect(result.code).toBe(0);
    expect((await readdir(join(cwd, 'bot'))).sort()).toEqual([
      '.gitignore',
      'README.md',
      'notes.txt',
      'package.json',
      'src',
    ]);
    expect(await readFile(join(cwd, 'bot/README.md'), 'utf8')).toContain('A fixture template.');
    expect((await readdir(join(cwd, 'bot/src'))).sort()).toEqual(['extra.js', 'index.js']);
    expect(await readdir(cwd)).toEqual(['bot']);
  });

  test('-f is the short form of --force', async () => {
    await mkdir(join(cwd, 'bot'));
    await writeFile(join(cwd, 'bot/notes.txt'), 'mine');
    expect((await runIn(cwd, ['bot', '-y', '-f', ...QUIET])).code).toBe(0);
  });

  test('an empty directory (or one holding only .git) is used without --force', async () => {
    await mkdir(join(cwd, 'bot/.git'), { recursive: true });
    expect((await runIn(cwd, ['bot', '--yes', ...QUIET])).code).toBe(0);
    expect((await readdir(join(cwd, 'bot'))).sort()).toEqual([
      '.git',
      '.gitignore',
      'README.md',
      'package.json',
      'src',
    ]);
  });

  test('"." creates the bot in the current directory, named after it, with no cd step', async () => {
    const here = join(cwd, 'here-bot');
    await mkdir(here);
    const result = await runIn(here, ['.', '--yes', ...QUIET]);
    expect(result.code).toBe(0);
    expect((await readJson(join(here, 'package.json'))).name).toBe('here-bot');
    expect(result.stdout).not.toContain('  cd ');
  });

  test.each([['bot'], ['bot/inner']])(
    'a file at (or above) the project path is refused: %s',
    async (dir) => {
      await writeFile(join(cwd, 'bot'), 'a file');
      const result = await runIn(cwd, [dir, '--yes', ...QUIET]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('ZRX_CREATE_TARGET_NOT_DIR');
      expect(await readFile(join(cwd, 'bot'), 'utf8')).toBe('a file');
    },
  );
});

describe('nothing half-written', () => {
  test('a copy that fails midway removes the staging folder and the parents it created', async () => {
    const templates = await copyFixtures(cwd);
    // A FIFO cannot be copied; it sorts after the files copied before it.
    execFileSync('mkfifo', [join(templates, 'basic/src/zz-pipe')]);
    const result = await runIn(cwd, ['new/parent/bot', '--yes', ...QUIET], {
      extraEnv: { ZORYX_CREATE_TEMPLATES_DIR: templates },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZRX_CREATE_TEMPLATE_INVALID');
    expect(result.stderr).toContain('zz-pipe');
    expect(await readdir(cwd)).toEqual(['templates']);
  });

  test('the same failure inside an existing --force directory leaves it exactly as it was', async () => {
    const templates = await copyFixtures(cwd);
    execFileSync('mkfifo', [join(templates, 'basic/src/zz-pipe')]);
    await mkdir(join(cwd, 'bot'));
    await writeFile(join(cwd, 'bot/README.md'), 'old readme');
    const result = await runIn(cwd, ['bot', '--yes', '--force', ...QUIET], {
      extraEnv: { ZORYX_CREATE_TEMPLATES_DIR: templates },
    });
    expect(result.code).toBe(1);
    expect(await readdir(join(cwd, 'bot'))).toEqual(['README.md']);
    expect(await readFile(join(cwd, 'bot/README.md'), 'utf8')).toBe('old readme');
  });

  // Even root cannot create files in /proc: a real write failure after the checks passed.
  test.runIf(process.platform === 'linux')(
    'a refused write is ZRX_CREATE_WRITE_FAILED and leaves nothing',
    async () => {
      const result = await runIn(cwd, ['/proc/zoryx-create-test-bot', '--yes', ...QUIET]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'ZRX_CREATE_WRITE_FAILED: Could not write the project to /proc/zoryx-create-test-bot',
      );
      expect(result.stderr).toContain('Nothing was left behind.');
    },
  );

  test('Ctrl-C (an aborted signal) before writing: exit 130, nothing created', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runIn(cwd, ['bot', '--yes', ...QUIET], { signal: controller.signal });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('ZRX_CREATE_CANCELLED');
    expect(await readdir(cwd)).toEqual([]);
  });
});
