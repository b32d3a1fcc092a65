import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, copyFixtures, readJson, runIn, tempDir } from './harness';

// `--packages <dir>`: the create path before anything is on npm (`pnpm run create-bot` packs the
// workspace packages into <dir> with a zoryx-packages.json manifest).

const QUIET = ['--yes', '--no-install', '--no-git'];
let cwd: string;

beforeEach(async () => {
  cwd = await tempDir();
});
afterEach(async () => {
  await cleanup(cwd);
});

async function packagesDir(): Promise<string> {
  const dir = join(cwd, 'packed');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'zoryx-hooks-0.1.0.tgz'), 'hooks tarball');
  await writeFile(join(dir, 'zoryx-store-0.1.0.tgz'), 'store tarball');
  await writeFile(
    join(dir, 'zoryx-packages.json'),
    JSON.stringify({
      '@zoryx/hooks': 'zoryx-hooks-0.1.0.tgz',
      '@zoryx/store': 'zoryx-store-0.1.0.tgz',
    }),
  );
  return dir;
}

describe('--packages <dir>', () => {
  test('installs every @zoryx package from the tarballs, copied into vendor/zoryx', async () => {
    const templates = await copyFixtures(cwd);
    const packed = await packagesDir();
    const result = await runIn(
      cwd,
      ['bot', ...QUIET, '--template', 'with-deps', '--packages', packed],
      { extraEnv: { ZORYX_CREATE_TEMPLATES_DIR: templates } },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Using 2 local Zoryx packages from vendor/zoryx/');
    const pkg = (await readJson(join(cwd, 'bot', 'package.json'))) as Record<string, unknown>;
    const local = {
      '@zoryx/hooks': 'file:vendor/zoryx/zoryx-hooks-0.1.0.tgz',
      '@zoryx/store': 'file:vendor/zoryx/zoryx-store-0.1.0.tgz',
    };
    expect(pkg.dependencies).toEqual({ ...local, semver: '^7.7.3' });
    expect(pkg.devDependencies).toEqual({ '@zoryx/hooks': local['@zoryx/hooks'] });
    // The packages' own @zoryx dependencies go to the same files, with pnpm and with npm.
    expect(pkg.overrides).toEqual(local);
    expect((pkg.pnpm as { overrides: unknown }).overrides).toEqual(local);
    expect(
      await readFile(join(cwd, 'bot', 'vendor', 'zoryx', 'zoryx-hooks-0.1.0.tgz'), 'utf8'),
    ).toBe('hooks tarball');
  });

  test('refuses a folder without the manifest before writing anything', async () => {
    const templates = await copyFixtures(cwd);
    await mkdir(join(cwd, 'empty'));
    const result = await runIn(
      cwd,
      ['bot', ...QUIET, '--template', 'with-deps', '--packages', 'empty'],
      {
        extraEnv: { ZORYX_CREATE_TEMPLATES_DIR: templates },
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZRX_CREATE_LOCAL_PACKAGES');
    expect(existsSync(join(cwd, 'bot'))).toBe(false);
  });

  test('never copies a template’s logs/ into the new bot', async () => {
    const templates = await copyFixtures(cwd);
    await mkdir(join(templates, 'basic', 'logs'), { recursive: true });
    await writeFile(join(templates, 'basic', 'logs', 'zoryx.1.log'), '{"level":30}\n');
    const result = await runIn(cwd, ['bot', ...QUIET, '--template', 'basic'], {
      extraEnv: { ZORYX_CREATE_TEMPLATES_DIR: templates },
    });
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'bot', 'logs'))).toBe(false);
  });
});
