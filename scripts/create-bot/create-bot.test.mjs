import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closure, workspacePackages } from './create-bot.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the create path from a clone', () => {
  it('packs every workspace package the template needs, transitively, and the scaffolder', async () => {
    const byName = await workspacePackages();
    const names = await closure(byName);
    const template = JSON.parse(
      await readFile(join(root, 'templates/default/package.json'), 'utf8'),
    );
    const direct = Object.keys({ ...template.dependencies, ...template.devDependencies }).filter(
      (name) => byName.has(name),
    );
    expect(names).toEqual(expect.arrayContaining([...direct, 'create-zoryx-bot']));
    for (const name of names) {
      if (name === 'create-zoryx-bot') continue;
      for (const dep of Object.keys(byName.get(name).pkg.dependencies ?? {})) {
        if (byName.has(dep)) expect(names, `${name} needs ${dep}`).toContain(dep);
      }
    }
  });

  it('links every bin of the workspace on a fresh install: bins are committed files, not build output', async () => {
    // A bin pointing into dist/ makes every fresh `pnpm install` print "Failed to create bin".
    const tracked = new Set(
      execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n'),
    );
    const missing = [];
    for (const { dir, pkg } of (await workspacePackages()).values()) {
      const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {});
      for (const [name, target] of Object.entries(bins)) {
        const path = join(dir, target).slice(root.length + 1);
        if (!tracked.has(path)) missing.push(`${pkg.name} bin ${name} → ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
