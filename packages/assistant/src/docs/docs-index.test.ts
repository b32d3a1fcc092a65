import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bm25Index, terms } from './bm25-index.js';
import { DocsIndex, sectionsOf } from './docs-index.js';

describe('Bm25Index', () => {
  it('ranks the document about the query first and keeps error codes whole', () => {
    const index = new Bm25Index<string>();
    index.add(
      'reload',
      'Hot reload watches the extensions folder and reloads a changed extension.',
    );
    index.add('errors', 'ZRX_EXT_NOT_FOUND means the extension package could not be resolved.');
    index.add('cooldowns', 'Cooldowns limit how often a user may run a command.');
    expect(terms('ZRX_EXT_NOT_FOUND is')).toEqual(['zrx_ext_not_found']);
    expect(index.search('how does hot reload work', 3).map((m) => m.item)).toEqual(['reload']);
    expect(index.search('ZRX_EXT_NOT_FOUND', 3)[0]?.item).toBe('errors');
    expect(index.search('banana', 3)).toEqual([]);
  });
});

describe('DocsIndex', () => {
  it('splits Markdown at headings, ignoring # lines inside code fences', () => {
    const sections = sectionsOf(
      'guide.md',
      '# Guide\nintro\n## Install\n```sh\n# not a heading\n```\n## Use\nrun it',
    );
    expect(sections.map((s) => s.heading)).toEqual(['Guide', 'Install', 'Use']);
    expect(sections[1]?.text).toContain('# not a heading');
  });

  it("indexes the repository's docs folder and finds the error code page", async () => {
    const docs = await DocsIndex.load([
      resolve(import.meta.dirname, '../../../../docs'),
      '/nonexistent',
    ]);
    expect(docs.size).toBeGreaterThan(10);
    // The catalogue grows with every package, so its rank among the pages that name the code
    // (the assistant's own config table names it too) is not fixed; it must be among the hits.
    const hits = docs.search('ZRX_ASSISTANT_PROVIDER_TIMEOUT', 3);
    expect(hits.map((hit) => hit.source)).toContain('errors.md');
    expect(hits.every((hit) => hit.text.includes('ZRX_ASSISTANT_PROVIDER_TIMEOUT'))).toBe(true);
  });
});
