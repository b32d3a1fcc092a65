/** Words too common to tell documents apart. */
const STOP_WORDS = new Set(
  'a an and are as at be by can do does for from has have how i if in is it its of on or that the this to was what when where which who why with you your'.split(
    ' ',
  ),
);

/** Lowercase terms of a text: letters, digits and `_` (so `ZRX_EXT_NOT_FOUND` stays one term). */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).filter(
    (term) => term.length > 1 && !STOP_WORDS.has(term),
  );
}

/** One scored match of {@link Bm25Index.search}. */
export interface Bm25Match<T> {
  readonly item: T;
  readonly score: number;
}

/**
 * A small Okapi BM25 index (k1 = 1.2, b = 0.75) over in-memory documents: enough to rank a few
 * hundred Markdown sections without a search dependency.
 */
export class Bm25Index<T> {
  readonly #docs: { item: T; length: number; counts: Map<string, number> }[] = [];
  readonly #documentFrequency = new Map<string, number>();
  #totalLength = 0;

  /** Adds a document: `text` is what is searched, `item` what a match returns. */
  add(item: T, text: string): void {
    const counts = new Map<string, number>();
    const list = terms(text);
    for (const term of list) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const term of counts.keys()) {
      this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
    }
    this.#docs.push({ item, length: list.length, counts });
    this.#totalLength += list.length;
  }

  /** How many documents it holds. */
  get size(): number {
    return this.#docs.length;
  }

  /** The best `limit` matches for `query`, best first (documents sharing no term are left out). */
  search(query: string, limit: number): Bm25Match<T>[] {
    const queryTerms = [...new Set(terms(query))];
    if (queryTerms.length === 0 || this.#docs.length === 0) return [];
    const k1 = 1.2;
    const b = 0.75;
    const n = this.#docs.length;
    const averageLength = this.#totalLength / n || 1;
    const scored: Bm25Match<T>[] = [];
    for (const doc of this.#docs) {
      let score = 0;
      for (const term of queryTerms) {
        const frequency = doc.counts.get(term);
        if (!frequency) continue;
        const df = this.#documentFrequency.get(term) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score +=
          (idf * frequency * (k1 + 1)) /
          (frequency + k1 * (1 - b + (b * doc.length) / averageLength));
      }
      if (score > 0) scored.push({ item: doc.item, score });
    }
    return scored.sort((x, y) => y.score - x.score).slice(0, limit);
  }
}
