#!/usr/bin/env node
// Writes docs/errors.md from the error catalogue in each package's src/errors.ts. With --check it
// writes nothing and fails when the page is stale or when the code and the catalogues disagree in
// either direction (see findDrift in ./errors-doc/repo.mjs), so neither can drift from the other.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDrift, renderErrorsDoc, scanPackages } from './errors-doc/repo.mjs';

const root = new URL('..', import.meta.url).pathname;
const target = join(root, 'docs/errors.md');
const packages = scanPackages(root);
const codes = packages.reduce((n, p) => n + (p.catalogue?.entries.length ?? 0), 0);

if (process.argv.includes('--check')) {
  const problems = findDrift(
    packages,
    existsSync(target) ? readFileSync(target, 'utf8') : undefined,
  );
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log(
    `docs/errors.md: ${codes} codes in ${packages.filter((p) => p.catalogue).length} catalogues, each documented and used; no bare throws`,
  );
} else {
  writeFileSync(target, renderErrorsDoc(packages));
  const problems = findDrift(packages, renderErrorsDoc(packages));
  for (const problem of problems) console.warn(`warning: ${problem}`);
  console.log(`wrote docs/errors.md: ${codes} codes`);
}
