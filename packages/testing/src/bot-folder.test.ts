import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBotFolder, writeBotFile } from './bot-folder.js';

describe('prepareBotFolder', () => {
  let user: string;
  const created: string[] = [];
  beforeAll(async () => {
    user = await mkdtemp(join(tmpdir(), 'zoryx-folder-'));
    await writeFile(join(user, 'config.json'), '{}');
    for (const dir of ['data', 'logs', 'dist', 'extensions/shop', 'node_modules/@scope/lib']) {
      await mkdir(join(user, dir), { recursive: true });
    }
    await mkdir(join(user, 'node_modules', 'zod'));
    await mkdir(join(user, 'node_modules', '.pnpm'));
    await mkdir(join(user, 'parent_modules', 'zod'), { recursive: true });
    await mkdir(join(user, 'parent_modules', 'hoisted'));
    await writeFile(join(user, 'extensions', 'shop', 'index.ts'), 'export default {};');
    await writeFile(join(user, 'data', 'state.json'), '{}');
  });
  afterAll(async () => {
    await Promise.all([user, ...created].map((d) => rm(d, { recursive: true, force: true })));
  });

  it('uses the folder in place when there is nothing to write, with a temp data folder', async () => {
    const folder = await prepareBotFolder({
      dir: user,
      files: {},
      copy: false,
      nodeModules: [],
      links: {},
    });
    created.push(...folder.temporary);
    expect(folder).toMatchObject({ root: user, inPlace: true });
    expect(folder.temporary).toEqual([folder.dataDir]);
    expect(folder.dataDir.startsWith(user)).toBe(false);
  });

  it('copies the folder without node_modules, data, logs and dist, then writes the files', async () => {
    const folder = await prepareBotFolder({
      dir: user,
      files: { 'extensions/greeter.ts': 'export default {};' },
      copy: false,
      // As Node's lookup: the nearest node_modules wins a name, a parent's adds what it lacks.
      nodeModules: [join(user, 'node_modules'), join(user, 'parent_modules')],
      links: { '@zoryx/builtins': join(user, 'extensions', 'shop') },
    });
    created.push(...folder.temporary);
    expect(folder.inPlace).toBe(false);
    expect((await readdir(folder.root)).sort()).toEqual([
      'config.json',
      'extensions',
      'node_modules',
      'parent_modules',
    ]);
    expect((await readdir(join(folder.root, 'extensions'))).sort()).toEqual(['greeter.ts', 'shop']);
    expect(folder.dataDir).toBe(join(folder.root, 'data'));
    const modules = join(folder.root, 'node_modules');
    expect((await readdir(modules)).sort()).toEqual(['@scope', '@zoryx', 'hoisted', 'zod']);
    expect(realpathSync(join(modules, 'zod'))).toBe(
      realpathSync(join(user, 'node_modules', 'zod')),
    );
    expect(realpathSync(join(modules, 'hoisted'))).toBe(
      realpathSync(join(user, 'parent_modules', 'hoisted')),
    );
    expect(realpathSync(join(modules, '@scope', 'lib'))).toBe(
      realpathSync(join(user, 'node_modules', '@scope', 'lib')),
    );
    expect(realpathSync(join(modules, '@zoryx', 'builtins'))).toBe(
      realpathSync(join(user, 'extensions', 'shop')),
    );
    expect(existsSync(join(user, 'extensions', 'greeter.ts'))).toBe(false);
  });

  it('creates a fresh folder when no dir is given', async () => {
    const folder = await prepareBotFolder({
      dir: undefined,
      files: { 'config.json': '{"prefix":"?"}' },
      copy: false,
      nodeModules: [],
      links: {},
    });
    created.push(...folder.temporary);
    expect(await readFile(join(folder.root, 'config.json'), 'utf8')).toBe('{"prefix":"?"}');
    expect(await readdir(join(folder.root, 'node_modules'))).toEqual([]);
  });
});

describe('writeBotFile', () => {
  it('refuses paths outside the folder with ZRX_TESTING_FILE_PATH', async () => {
    const root = await mkdtemp(join(tmpdir(), 'zoryx-write-'));
    try {
      for (const path of ['../escape.ts', '/etc/passwd', '', 'a/../../b.ts']) {
        await expect(writeBotFile(root, path, 'x')).rejects.toMatchObject({
          code: 'ZRX_TESTING_FILE_PATH',
        });
      }
      await writeBotFile(root, 'deep/er/file.ts', 'ok');
      expect(await readFile(join(root, 'deep', 'er', 'file.ts'), 'utf8')).toBe('ok');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
