// A green `verify` is a quiet one: a warning in its output is either a defect to fix or noise
// that teaches people to skim past the next real warning. These are the kinds it has printed;
// `findNoise` names each line that matches, and CI fails on any (scripts/ci-after-build.mjs).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** [what it is, pattern] — matched against output lines with colours removed. */
export const NOISE = [
  ['a Vite or Rollup warning', /(?:^|\s)\(!\) /],
  // tsup prints the warnings of its Rollup pass bare, without Rollup's own `(!)` mark.
  [
    'a Rollup warning printed by tsup',
    /is using named and default exports together|(?:is|are) imported from external module .* but never used/,
  ],
  ['an esbuild warning', /\[WARNING\]/],
  ['an npm warning', /\bnpm warn\b/i],
  ['a bin pnpm could not link', /Failed to create bin/],
  ['a Node process warning', /\(node:\d+\) (?:\[[A-Z0-9_]+\] )?\w*Warning: /],
  ['a missed goal', /: missed\b/],
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colours
const COLOURS = /\u001b\[[0-9;]*m/g;

/** The noisy lines among `lines`: `{ line, why }` for each. */
export function findNoise(lines) {
  const found = [];
  for (const raw of lines) {
    const line = raw.replace(COLOURS, '');
    const hit = NOISE.find(([, pattern]) => pattern.test(line));
    if (hit) found.push({ line: line.trim(), why: hit[0] });
  }
  return found;
}

/** The turbo task logs (`<workspace>/.turbo/turbo-<task>.log`) under the given folders of `root`. */
export async function turboLogs(root, groups = ['packages', 'templates', 'examples', 'docs']) {
  const logs = [];
  for (const group of groups) {
    const base = join(root, group);
    const dirs =
      group === 'docs' ? [base] : (await readdir(base).catch(() => [])).map((d) => join(base, d));
    for (const dir of dirs) {
      const files = await readdir(join(dir, '.turbo')).catch(() => []);
      for (const file of files) {
        if (file.startsWith('turbo-') && file.endsWith('.log'))
          logs.push(join(dir, '.turbo', file));
      }
    }
  }
  return logs;
}

/** The noise in the turbo task logs of `root`, each with the log it came from. */
export async function noiseInTurboLogs(root) {
  const found = [];
  for (const log of await turboLogs(root)) {
    const text = await readFile(log, 'utf8');
    for (const hit of findNoise(text.split('\n'))) found.push({ ...hit, log });
  }
  return found;
}
