import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { bundleTemplates, EXCLUDED } from '../scripts/bundle-templates.mjs';
import { EXCLUDED_NAMES } from '../src/copy-template';
import { cleanup, tempDir } from './harness';

let repo: string;
beforeEach(async () => {
  repo = await tempDir('zoryx-bundle-');
});
afterEach(async () => {
  await cleanup(repo);
});

async function write(path: string, content: unknown): Promise<void> {
  await mkdir(join(repo, path, '..'), { recursive: true });
  await writeFile(
    join(repo, path),
    typeof content === 'string' ? content : JSON.stringify(content),
  );
}

test('the build and the CLI exclude the same names', () => {
  expect([...EXCLUDED].sort()).toEqual([...EXCLUDED_NAMES].sort());
});

test('copies templates without build output or secrets and records published versions', async () => {
  await write('packages/hooks/package.json', { name: '@zoryx/hooks', version: '1.4.0' });
  await write('packages/internal/package.json', {
    name: '@zoryx/internal',
    version: '0.0.1',
    private: true,
  });
  await write('templates/default/package.json', {
    name: 't',
    dependencies: { '@zoryx/hooks': 'workspace:^' },
  });
  await write('templates/default/_gitignore', 'node_modules\n');
  await write('templates/default/src/index.ts', 'export {};\n');
  for (const junk of [
    'node_modules/x/y.js',
    'dist/index.js',
    'data/main.db',
    '.env',
    '.turbo/log',
    'src/dist/x',
  ]) {
    await write(`templates/default/${junk}`, 'junk');
  }
  await write('templates/notes.md', 'not a template');
  const out = join(repo, 'out');
  const result = await bundleTemplates(repo, out);
  expect(result).toEqual({ templates: ['default'], versions: { '@zoryx/hooks': '1.4.0' } });
  expect((await readdir(out)).sort()).toEqual(['default', 'zoryx-versions.json']);
  expect((await readdir(join(out, 'default'))).sort()).toEqual([
    '_gitignore',
    'package.json',
    'src',
  ]);
  expect(await readdir(join(out, 'default/src'))).toEqual(['index.ts']);
  expect(JSON.parse(await readFile(join(out, 'zoryx-versions.json'), 'utf8'))).toEqual({
    packages: { '@zoryx/hooks': '1.4.0' },
  });
});

test('refuses templates that would break outside the monorepo, naming each problem', async () => {
  await write('templates/default/package.json', {
    name: 't',
    dependencies: { '@zoryx/nope': 'workspace:^' },
  });
  await write('templates/default/tsconfig.json', '{ "extends": "../../tsconfig.base.json" }');
  await write('templates/default/.gitignore', 'node_modules\n');
  const error = await bundleTemplates(repo, join(repo, 'out')).catch((e: unknown) => e as Error);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toContain('dependencies.@zoryx/nope is workspace:^');
  expect((error as Error).message).toContain('tsconfig.json extends ../../tsconfig.base.json');
  expect((error as Error).message).toContain('name it _gitignore');
});
