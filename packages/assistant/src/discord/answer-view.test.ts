import { describe, expect, it } from 'vitest';
import { AnswerViews, paginate } from './answer-view.js';
import { StreamEditor } from './stream-editor.js';

describe('paginate', () => {
  it('cuts at line breaks, keeps every line, and leaves short text whole', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
    const pages = paginate(text, 500);
    expect(pages.length).toBeGreaterThan(4);
    expect(pages.every((p) => p.length <= 500)).toBe(true);
    expect(pages.join('\n')).toBe(text);
    expect(paginate('short')).toEqual(['short']);
  });

  it('keeps views by id for the page buttons', () => {
    const views = new AnswerViews();
    const view = views.add('answer', ['search_docs'], []);
    expect(views.get(view.id)).toBe(view);
    expect(views.get('unknown')).toBeUndefined();
  });
});

describe('StreamEditor', () => {
  it('never overlaps edits, skips superseded texts and always shows the latest', async () => {
    const shown: string[] = [];
    let inFlight = 0;
    let overlapped = false;
    const editor = new StreamEditor(async (content) => {
      inFlight++;
      overlapped ||= inFlight > 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      shown.push(content);
      inFlight--;
    }, 0);
    editor.push('a');
    editor.push('ab');
    editor.push('abc');
    await new Promise((resolve) => setTimeout(resolve, 30));
    await editor.close();
    expect(overlapped).toBe(false);
    expect(shown[0]).toBe('a');
    expect(shown.at(-1)).toBe('abc');
    expect(shown).not.toContain('ab');
    editor.push('after close');
    expect(shown.at(-1)).toBe('abc');
  });
});
