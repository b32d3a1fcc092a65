import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { placeProject } from './place-project';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'zoryx-place-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function stage(dir: string): Promise<void> {
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(join(dir, 'a.txt'), 'new a');
  await writeFile(join(dir, 'b.txt'), 'new b');
  await writeFile(join(dir, 'src/index.ts'), 'new index');
  await writeFile(join(dir, 'src/z.ts'), 'new z');
}

/** A signal reporting "aborted" after `checks` checks (one per staged entry): Ctrl-C mid-move. */
function abortAfter(checks: number): AbortSignal {
  let seen = 0;
  return {
    get aborted() {
      seen += 1;
      return seen > checks;
    },
  } as AbortSignal;
}

test('a missing target is created by one rename of the staging folder', async () => {
  await stage(join(root, 'stage'));
  await placeProject(join(root, 'stage'), join(root, 'bot'), join(root, 'bot/.backup'));
  expect((await readdir(root)).sort()).toEqual(['bot']);
  expect((await readdir(join(root, 'bot'))).sort()).toEqual(['a.txt', 'b.txt', 'src']);
});

test('into an existing folder: replaces same paths, keeps the rest, removes stage and backups', async () => {
  const target = join(root, 'bot');
  await mkdir(join(target, 'src'), { recursive: true });
  await writeFile(join(target, 'a.txt'), 'old a');
  await writeFile(join(target, 'src/keep.ts'), 'keep');
  await stage(join(target, '.stage'));
  await placeProject(join(target, '.stage'), target, join(target, '.backup'));
  expect((await readdir(target)).sort()).toEqual(['a.txt', 'b.txt', 'src']);
  expect(await readFile(join(target, 'a.txt'), 'utf8')).toBe('new a');
  expect((await readdir(join(target, 'src'))).sort()).toEqual(['index.ts', 'keep.ts', 'z.ts']);
});

test.each([0, 1, 2, 3, 4])(
  'aborted after %i checks: the existing folder is restored exactly',
  async (checks) => {
    const target = join(root, 'bot');
    await mkdir(join(target, 'src'), { recursive: true });
    await writeFile(join(target, 'a.txt'), 'old a');
    await writeFile(join(target, 'src/index.ts'), 'old index');
    await stage(join(target, '.stage'));
    await expect(
      placeProject(join(target, '.stage'), target, join(target, '.backup'), abortAfter(checks)),
    ).rejects.toThrow(/Cancelled/);
    expect((await readdir(target)).sort()).toEqual(['a.txt', 'src']);
    expect(await readFile(join(target, 'a.txt'), 'utf8')).toBe('old a');
    expect(await readdir(join(target, 'src'))).toEqual(['index.ts']);
    expect(await readFile(join(target, 'src/index.ts'), 'utf8')).toBe('old index');
  },
);
