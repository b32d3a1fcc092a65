import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from './cli-main';
import { ProblemCode } from './problem';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-resolve-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

async function write(path: string, value: unknown): Promise<string> {
  const file = join(dir, path);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('zoryx-resolve', () => {
  test('a JSON array file: prints explain(), exit 0', async () => {
    const file = await write('plain.json', [
      { name: 'voice', version: '1.0.0' },
      { name: 'music', version: '1.0.0', dependencies: { voice: '^1.0.0' } },
    ]);
    const result = await run(file);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('2 of 2 extensions will load');
    expect(result.stdout).toContain('  1. voice@1.0.0\n  2. music@1.0.0');
  });

  test('--json prints the plan, including versions and dependencies', async () => {
    const file = await write('json.json', {
      manifests: [{ name: 'music', version: '1.0.0', dependencies: { voice: '*' } }],
      loaded: [{ name: 'voice', version: '2.0.0' }],
    });
    const result = await run('--json', file);
    const plan = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(plan).toEqual({
      order: ['music'],
      levels: [['music']],
      skipped: [],
      problems: [],
      versions: { music: '1.0.0' },
      dependencies: { music: ['voice'] },
    });
  });

  test('--strict exits 1 when something is skipped, 0 when nothing is', async () => {
    const broken = await write('strict.json', [
      { name: 'a', version: '1.0.0', dependencies: { b: '*' } },
    ]);
    expect((await run(broken)).code).toBe(0);
    expect((await run('--strict', broken)).code).toBe(1);
    const fine = await write('fine.json', [{ name: 'a', version: '1.0.0' }]);
    expect((await run('--strict', fine)).code).toBe(0);
  });

  test('enforcement can be switched off from the command line', async () => {
    const file = await write('off.json', [
      { name: 'a', version: '1.0.0', dependencies: { b: '*' } },
    ]);
    const result = await run('--strict', '--no-enforce-dependencies', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 of 1 extension will load; 0 skipped, 1 warning.');
  });

  test('a folder: *.json files, manifest.json folders and package.json "zoryx" fields', async () => {
    const root = join(dir, 'exts');
    await write('exts/voice/package.json', {
      name: '@acme/voice',
      version: '2.0.0',
      zoryx: { name: 'voice' },
    });
    await write('exts/music/manifest.json', {
      name: 'music',
      version: '1.0.0',
      dependencies: { voice: '^2.0.0' },
    });
    await write('exts/extra.json', [{ name: 'shop', version: '1.0.0' }, 7]);
    await write('exts/notes/readme.txt', 'not an extension');
    const result = await run(root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  1. shop@1.0.0, voice@2.0.0\n  2. music@1.0.0');
    expect(result.stdout).toContain(`Where:\n  manifests[1] is ${join(root, 'extra.json')}`);
    expect(result.stderr).toBe(
      `zoryx-resolve: ${join(root, 'notes')}: no manifest.json or package.json with a "zoryx" field; skipped.`,
    );
  });

  test('a missing path is a clear error, exit 2', async () => {
    const result = await run(join(dir, 'nope'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `zoryx-resolve: ZRX_RESOLVE_INPUT: No such file or directory: ${join(dir, 'nope')}\n  hint: Pass a JSON file with an array of manifests, or a folder of extensions.`,
    );
  });

  test('invalid JSON names the file, exit 2', async () => {
    const file = await write('folder-with-bad/bad.json', '{ "name": ');
    const result = await run(join(dir, 'folder-with-bad'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`ZRX_RESOLVE_INPUT: Invalid JSON in ${file}:`);
    expect(result.stderr).toContain(`hint: Fix the JSON syntax of ${file}`);
  });

  test('usage errors and --help', async () => {
    expect((await run()).stderr).toMatch(/ZRX_RESOLVE_USAGE: missing <dir-or-json>/);
    expect((await run('--wat', 'x')).code).toBe(2);
    expect((await run('a', 'b')).stderr).toMatch(/expected one path, got 2/);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: zoryx-resolve/);
  });

  test('the examples/resolver-demo folder shows every kind of diagnostic and exits 0', async () => {
    const demo = fileURLToPath(new URL('../../../examples/resolver-demo', import.meta.url));
    const result = await run(demo);
    expect(result.code).toBe(0);
    for (const code of Object.values(ProblemCode)) expect(result.stdout).toContain(`[${code}]`);
    expect(result.stdout).toContain(
      'Because music@2.1.0 needs voice ^3.0.0 and only voice 2.4.1 is present, music cannot load. And because playlists needs music, playlists cannot load.',
    );
  });
});
