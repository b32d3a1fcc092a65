// Bundles the emulator's source into node_modules/.bench-builds/<name>/index.js, so
// cpu-per-command.mjs can compare two versions in one run without touching dist/ (other
// packages' tests import dist while they run).
//
//   node bench/build-variant.mjs current          # the working tree's src/
//   node bench/build-variant.mjs base HEAD~3      # src/ as of a git ref
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name = 'current', ref] = process.argv.slice(2);
let srcRoot = root;
let temp;
if (ref) {
  temp = mkdtempSync(join(tmpdir(), 'emulator-variant-'));
  const prefix = execFileSync('git', ['rev-parse', '--show-prefix'], {
    cwd: root,
    encoding: 'utf8',
  })
    .trim()
    .replace(/\/$/, '');
  const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
    cwd: root,
    encoding: 'utf8',
  });
  const tar = execFileSync('git', ['archive', ref, `${prefix}/src`], { cwd: top.trim() });
  execFileSync('tar', ['-x', '-C', temp], { input: tar });
  srcRoot = join(temp, prefix);
}
const outfile = join(root, 'node_modules', '.bench-builds', name, 'index.js');
// The workspace root's esbuild (tsup's), through its CLI: the emulator does not depend on it.
execFileSync(
  join(root, '..', '..', 'node_modules', '.bin', 'esbuild'),
  [
    join(srcRoot, 'src', 'index.ts'),
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--target=node20',
    '--packages=external',
    `--outfile=${outfile}`,
    '--log-level=warning',
  ],
  { stdio: 'inherit' },
);
if (temp) rmSync(temp, { recursive: true, force: true });
console.log(outfile);
