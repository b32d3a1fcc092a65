import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './terminal-markdown.js';

const ESC = '\u001b[';

describe('renderMarkdown', () => {
  it('draws emphasis, code and links with ANSI styles instead of their markers', () => {
    const out = renderMarkdown('**Balance:** `120` coins, *nice* ~~old~~ [docs](https://x.dev)');
    expect(out).toBe(
      `${ESC}1mBalance:${ESC}22m ${ESC}36m120${ESC}39m coins, ${ESC}3mnice${ESC}23m ${ESC}9mold${ESC}29m ${ESC}4mdocs${ESC}24m ${ESC}2m(https://x.dev)${ESC}22m`,
    );
  });

  it('renders headings, quotes, subtext and fenced code, and keeps code literal', () => {
    const out = renderMarkdown('# Top\n> quoted\n-# small\n```ts\nconst a = **b**;\n```');
    expect(out.split('\n')).toEqual([
      `${ESC}1m${ESC}4mTop${ESC}24m${ESC}22m`,
      `${ESC}2m│${ESC}22m quoted`,
      `${ESC}2msmall${ESC}22m`,
      `  ${ESC}36mconst a = **b**;${ESC}39m`,
    ]);
  });

  it('leaves text without Markdown (snake_case names, a lone *) unchanged', () => {
    expect(renderMarkdown('use daily_reward or 2 * 3')).toBe('use daily_reward or 2 * 3');
  });
});
