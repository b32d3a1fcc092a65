import { randomBytes } from 'node:crypto';
import type { ProposedActionInfo } from '../assistant-service.js';

/** Characters of answer text per page (Discord allows 2,000 per message; the rest is the footer). */
export const PAGE_CHARS = 1600;
/** Answers kept for their page buttons (the oldest are dropped first). */
const MAX_VIEWS = 50;

/** A finished answer as `/ask` shows it: pages, sources and proposed actions. */
export interface AnswerView {
  readonly id: string;
  readonly pages: readonly string[];
  readonly sources: readonly string[];
  readonly actions: readonly ProposedActionInfo[];
}

/** Splits text into pages of at most `size` characters, at paragraph, line or word breaks. */
export function paginate(text: string, size = PAGE_CHARS): string[] {
  const pages: string[] = [];
  let rest = text.trim();
  while (rest.length > size) {
    const window = rest.slice(0, size);
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (cut < size / 2) cut = window.lastIndexOf(' ');
    if (cut < size / 2) cut = size;
    pages.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  pages.push(rest);
  return pages;
}

/** The answers `/ask` showed, by id, for their page buttons. In memory: pages are short-lived. */
export class AnswerViews {
  readonly #views = new Map<string, AnswerView>();

  /** Stores an answer's view; returns it with its id. */
  add(
    answer: string,
    sources: readonly string[],
    actions: readonly ProposedActionInfo[],
  ): AnswerView {
    const view: AnswerView = {
      id: randomBytes(5).toString('hex'),
      pages: paginate(answer),
      sources,
      actions,
    };
    this.#views.set(view.id, view);
    while (this.#views.size > MAX_VIEWS) {
      const oldest = this.#views.keys().next().value;
      if (oldest === undefined) break;
      this.#views.delete(oldest);
    }
    return view;
  }

  get(id: string): AnswerView | undefined {
    return this.#views.get(id);
  }
}
