import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readManifestSandboxed } from './manifest-sandbox.js';

let dir: string;

async function pkg(name: string, index: string, extra: Record<string, unknown> = {}) {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', type: 'module', main: 'index.js', ...extra }),
  );
  await writeFile(join(folder, 'index.js'), index);
  return folder;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-sandbox-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readManifestSandboxed', () => {
  it('reads the manifest of defineExtension, computed fields included, without running setup', async () => {
    const marker = join(dir, 'setup-ran');
    const folder = await pkg(
      'zx-shop',
      `import { defineExtension, defineCommand } from '@zoryx/framework';
import { z } from 'zod';
import { helper } from './helper.js';
const VERSION = ['2', '1', '0'].join('.');
export default defineExtension({
  name: 'zx-shop', version: VERSION, description: helper(),
  dependencies: { economy: '^1.0.0' }, conflicts: { 'zx-other': '*' },
  config: z.object({ a: z.string() }),
  commands: [defineCommand({ name: 'shop', description: 'x', run() {} })],
  setup() { require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); },
});`,
    );
    await writeFile(join(folder, 'helper.js'), "export const helper = () => 'a shop';\n");
    const read = await readManifestSandboxed(folder, 'zx-shop');
    expect(read).toEqual({
      ok: true,
      manifest: {
        name: 'zx-shop',
        version: '2.1.0',
        description: 'a shop',
        dependencies: { economy: '^1.0.0' },
        conflicts: { 'zx-other': '*' },
      },
    });
    expect(existsSync(marker)).toBe(false);
  });

  it('gives top-level code no process and only inert stubs for its imports', async () => {
    const target = join(dir, 'written-by-the-package');
    const folder = await pkg(
      'zx-nosy',
      `import { defineExtension } from '@zoryx/framework';
import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(target)}, 'escaped');
export default defineExtension({ name: 'zx-nosy', version: '1.0.0', description: typeof process });`,
    );
    const read = await readManifestSandboxed(folder, 'zx-nosy');
    expect(read.ok && read.manifest.description).toBe('undefined');
    expect(existsSync(target)).toBe(false);
  });

  it('stops top-level code that never ends', async () => {
    const folder = await pkg('zx-loop', 'while (true) {}\nexport default {};');
    const read = await readManifestSandboxed(folder, 'zx-loop');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toContain('top-level code threw');
  });

  it('refuses an invalid manifest, a name that is not the package name, and no default export', async () => {
    const badVersion = await pkg('zx-bad', "export default { name: 'zx-bad', version: 'one' };");
    const bad = await readManifestSandboxed(badVersion, 'zx-bad');
    expect(bad.ok).toBe(false);
    const renamed = await pkg('zx-renamed', "export default { name: 'other', version: '1.0.0' };");
    const mismatch = await readManifestSandboxed(renamed, 'zx-renamed');
    expect(!mismatch.ok && mismatch.reason).toContain(
      'must be named like its package ("zx-renamed")',
    );
    const none = await pkg('zx-none', 'export const x = 1;');
    expect((await readManifestSandboxed(none, 'zx-none')).ok).toBe(false);
  });
});
