#!/usr/bin/env node
// Copies the repository's docs (docs/*.md) and every package README into dist/docs, so the
// published package ships the Markdown its `search_docs` tool indexes. Runs after tsup (which
// empties dist/ first).
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('..', import.meta.url).pathname;
const repo = join(here, '..', '..');
const out = join(here, 'dist', 'docs');
mkdirSync(join(out, 'packages'), { recursive: true });
let copied = 0;
for (const file of readdirSync(join(repo, 'docs'))) {
  if (!file.endsWith('.md')) continue;
  copyFileSync(join(repo, 'docs', file), join(out, file));
  copied++;
}
for (const pkg of readdirSync(join(repo, 'packages'))) {
  const readme = join(repo, 'packages', pkg, 'README.md');
  if (!existsSync(readme)) continue;
  copyFileSync(readme, join(out, 'packages', `${pkg}.md`));
  copied++;
}
console.log(`copied ${copied} Markdown files to dist/docs`);
