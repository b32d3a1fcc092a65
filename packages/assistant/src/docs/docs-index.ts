import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DocHit } from '../tools/tool-types.js';
import { Bm25Index } from './bm25-index.js';

/** One Markdown section: the text under one heading. */
export interface DocSection {
  readonly source: string;
  readonly heading: string;
  readonly text: string;
}

/** Sections longer than this are split, so a hit stays a readable excerpt. */
const SECTION_MAX = 1800;

/** Splits Markdown into sections at `#`–`###` headings (headings inside code fences ignored). */
export function sectionsOf(source: string, markdown: string): DocSection[] {
  const sections: DocSection[] = [];
  let heading = source;
  let lines: string[] = [];
  let fenced = false;
  const flush = () => {
    const text = lines.join('\n').trim();
    for (let start = 0; start < text.length; start += SECTION_MAX) {
      sections.push({ source, heading, text: text.slice(start, start + SECTION_MAX) });
    }
    lines = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith('```')) fenced = !fenced;
    const match = fenced ? null : /^(#{1,3})\s+(.+)$/.exec(line);
    if (match) {
      flush();
      heading = match[2]?.trim() ?? heading;
    } else lines.push(line);
  }
  flush();
  return sections;
}

async function markdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await markdownFiles(path)));
    else if (entry.name.endsWith('.md')) out.push(path);
  }
  return out.sort();
}

/**
 * The docs `search_docs` searches: every Markdown file under the given folders (the copy of the
 * repository's `docs/` and package READMEs shipped in the package, plus an optional extra
 * folder), split into sections and indexed with BM25. Missing folders are skipped.
 */
export class DocsIndex {
  readonly #index = new Bm25Index<DocSection>();

  /** Reads and indexes every `.md` file under `dirs`. */
  static async load(dirs: readonly string[]): Promise<DocsIndex> {
    const docs = new DocsIndex();
    for (const dir of dirs) {
      if (!existsSync(dir)) continue;
      for (const file of await markdownFiles(dir)) {
        const source = relative(dir, file).split('\\').join('/');
        docs.addMarkdown(source, await readFile(file, 'utf8'));
      }
    }
    return docs;
  }

  /** Adds one Markdown document. */
  addMarkdown(source: string, markdown: string): void {
    for (const section of sectionsOf(source, markdown)) {
      if (section.text !== '')
        this.#index.add(section, `${section.heading}\n${section.heading}\n${section.text}`);
    }
  }

  /** Sections indexed. */
  get size(): number {
    return this.#index.size;
  }

  /** The best `limit` sections for `query`. */
  search(query: string, limit: number): DocHit[] {
    return this.#index.search(query, limit).map(({ item, score }) => ({
      ...item,
      score: Math.round(score * 100) / 100,
    }));
  }
}
