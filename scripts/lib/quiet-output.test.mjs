import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNoise, noiseInTurboLogs } from './quiet-output.mjs';

// Lines a green verify printed before it was made quiet (CI log of 2026-12-05).
const PRINTED = [
  "@zoryx/store:test: \u001b[33m(!) Your Vite config uses features that are unsupported by `configLoader: 'native'`",
  '@zoryx/framework:build: [warn] \u001b[33m▲ \u001b[43;33m[\u001b[43;30mWARNING\u001b[43;33m]\u001b[0m Ignoring this import because "src/stats/usage-table.ts" was marked as having no side effects',
  '[node-matrix] npm warn Unknown env config "auto-install-peers". This will stop working in the next major version of npm.',
  '[release] e2e-release:   create → first reply: 179.0 s (goal < 60 s: missed)',
  '@zoryx/backup:test: (node:28740) Warning: Supplying "ephemeral" for interaction response options is deprecated.',
  '@zoryx/store:test: (node:23202) [ZRX_STORE_RECOVERED] Warning: Store file "d/w.json" was not valid JSON',
  ' WARN  Failed to create bin at /work/main/node_modules/.bin/zoryx.',
  '@zoryx/backup:build: Entry module "dist/index.cjs" is using named and default exports together. Consumers of your bundle will have to use `chunk.default` to access the default export, which may not be what you want. Use `output.exports: "named"` to disable this warning.',
  '@zoryx/builtins:build: "ReplyColor" and "ZoryxClient" are imported from external module "@zoryx/framework" but never used in "dist/limits/index.cjs".',
];

describe('the quiet-verify check', () => {
  it('names every kind of noise a green verify used to print', () => {
    const found = findNoise(PRINTED);
    expect(found.map((f) => f.why)).toEqual([
      'a Vite or Rollup warning',
      'an esbuild warning',
      'an npm warning',
      'a missed goal',
      'a Node process warning',
      'a Node process warning',
      'a bin pnpm could not link',
      'a Rollup warning printed by tsup',
      'a Rollup warning printed by tsup',
    ]);
    expect(found[0].line).not.toContain('\u001b');
  });

  it('lets ordinary output through, including tests whose names speak of warnings', () => {
    const quiet = [
      '@zoryx/hooks:test:  ✓ src/hook-bus.test.ts (19 tests) 27ms',
      '@zoryx/builtins:test:      ✓ an operator mistake logs one warn line, no stack',
      '[release] e2e-release:   create → first reply: 70.1 s at load average 3.2',
      ' Tasks:    88 successful, 88 total',
    ];
    expect(findNoise(quiet)).toEqual([]);
  });

  it('reads the turbo task logs of every workspace folder and says which log', async () => {
    const root = await mkdtemp(join(tmpdir(), 'quiet-'));
    await mkdir(join(root, 'packages', 'a', '.turbo'), { recursive: true });
    await mkdir(join(root, 'docs', '.turbo'), { recursive: true });
    await writeFile(
      join(root, 'packages', 'a', '.turbo', 'turbo-build.log'),
      'ok\n▲ [WARNING] x\n',
    );
    await writeFile(join(root, 'docs', '.turbo', 'turbo-test.log'), 'all good\n');
    const found = await noiseInTurboLogs(root);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ why: 'an esbuild warning' });
    expect(found[0].log).toContain(join('packages', 'a', '.turbo', 'turbo-build.log'));
  });
});
