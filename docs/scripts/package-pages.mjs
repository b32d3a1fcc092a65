// Writes one guide page per package (docs/packages/<name>.md) from the package's README, the
// reference each package keeps next to its code: links into the repository become GitHub links,
// links to other docs pages stay site links.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(docs, '..');
const GITHUB = 'https://github.com/zoryx/zoryx/blob/main';

/** Rewrites a README link (relative to its package folder) for the page docs/packages/<name>.md. */
export function rewriteLink(target, packageDir) {
  if (/^[a-z]+:|^#|^\//i.test(target)) return target;
  const [path, hash = ''] = target.split('#');
  const fromRepo = posix.normalize(
    posix.join(relative(repo, packageDir).split('\\').join('/'), path),
  );
  const anchor = hash ? `#${hash}` : '';
  if (fromRepo.startsWith('docs/') && fromRepo.endsWith('.md')) {
    return `../${fromRepo.slice('docs/'.length).replace(/\.md$/, '')}${anchor}`;
  }
  const other = /^packages\/([^/]+)\/README\.md$/.exec(fromRepo);
  if (other) return `./${other[1]}${anchor}`;
  return `${GITHUB}/${fromRepo}${anchor}`;
}

export async function writePackagePages() {
  const out = join(docs, 'packages');
  await mkdir(out, { recursive: true });
  const written = [];
  for (const name of (await readdir(join(repo, 'packages'))).sort()) {
    const dir = join(repo, 'packages', name);
    const readme = await readFile(join(dir, 'README.md'), 'utf8').catch(() => null);
    if (readme === null) continue;
    // Markdown links and images; code spans and fences are left alone by matching `](…)` only.
    const page = readme.replace(
      /\]\(([^)\s]+)\)/g,
      (_, target) => `](${rewriteLink(target, dir)})`,
    );
    await writeFile(join(out, `${name}.md`), page);
    written.push(name);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = await writePackagePages();
  process.stdout.write(`package pages: ${written.length} (${written.join(', ')})\n`);
}
