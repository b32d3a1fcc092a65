import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTarball, writeEntries } from './tarball.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-tar-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readTarball', () => {
  it('reads the files of a tarball packed by npm (package/ stripped, long paths kept)', async () => {
    const src = join(dir, 'src');
    const deep = `lib/${'very-long-folder-name-'.repeat(6)}/file.js`;
    await mkdir(join(src, deep, '..'), { recursive: true });
    await writeFile(
      join(src, 'package.json'),
      JSON.stringify({ name: 'zx-tar', version: '1.0.0', files: ['lib', 'index.js'] }),
    );
    await writeFile(join(src, 'index.js'), 'export default 1;\n');
    await writeFile(join(src, deep), 'export const deep = true;\n');
    execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: src, stdio: 'ignore' });
    const entries = readTarball(await readFile(join(dir, 'zx-tar-1.0.0.tgz')));
    expect(entries.map((e) => e.path).sort()).toEqual([deep, 'index.js', 'package.json'].sort());
    expect(entries.find((e) => e.path === 'index.js')?.data.toString()).toBe('export default 1;\n');

    const out = join(dir, 'out');
    await writeEntries([...entries, { path: '../escape.js', data: Buffer.from('x') }], out);
    expect(await readFile(join(out, deep), 'utf8')).toBe('export const deep = true;\n');
    await expect(readFile(join(dir, 'escape.js'))).rejects.toThrow();
  });
});
