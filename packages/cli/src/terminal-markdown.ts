// Discord's Markdown for a terminal: what a Discord client draws as bold, code or a quote is
// drawn with ANSI styles instead of showing its `**` and backticks.

const STYLE = {
  bold: ['\u001b[1m', '\u001b[22m'],
  italic: ['\u001b[3m', '\u001b[23m'],
  underline: ['\u001b[4m', '\u001b[24m'],
  strike: ['\u001b[9m', '\u001b[29m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  code: ['\u001b[36m', '\u001b[39m'],
} as const;

function style(name: keyof typeof STYLE, text: string): string {
  const [open, close] = STYLE[name];
  return `${open}${text}${close}`;
}

/** Inline spans of one line: code first (its content is literal), then emphasis and links. */
function inline(text: string): string {
  const codes: string[] = [];
  const shielded = text.replace(/`([^`\n]+)`/g, (_, code: string) => {
    codes.push(code);
    return `\uE000${codes.length - 1}\uE000`;
  });
  // Links first: the ANSI codes added after them contain `[`, which must not read as a link.
  const styled = shielded
    .replace(
      /\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g,
      (_, t: string, url: string) => `${style('underline', t)} ${style('dim', `(${url})`)}`,
    )
    .replace(/\*\*\*([^*\n]+)\*\*\*/g, (_, t: string) => style('bold', style('italic', t)))
    .replace(/\*\*([^*\n]+)\*\*/g, (_, t: string) => style('bold', t))
    .replace(/__([^_\n]+)__/g, (_, t: string) => style('underline', t))
    .replace(
      /(^|[^\w*])\*([^*\n]+)\*(?!\w)/g,
      (_, pre: string, t: string) => `${pre}${style('italic', t)}`,
    )
    .replace(
      /(^|[^\w_])_([^_\n]+)_(?!\w)/g,
      (_, pre: string, t: string) => `${pre}${style('italic', t)}`,
    )
    .replace(/~~([^~\n]+)~~/g, (_, t: string) => style('strike', t))
    .replace(/\|\|([^|\n]+)\|\|/g, (_, t: string) => style('dim', `[spoiler: ${t}]`));
  return styled.replace(/\uE000(\d+)\uE000/g, (_, index: string) =>
    style('code', codes[Number(index)] ?? ''),
  );
}

/**
 * Renders Discord Markdown with ANSI styles: `**bold**`, `*italic*`/`_italic_`, `__underline__`,
 * `~~strike~~`, `` `code` ``, fenced code blocks, `# headings`, `> quotes`, `-# subtext`,
 * `||spoilers||` and `[masked](https://links)`. Text without Markdown comes back unchanged.
 *
 * @example
 * ```ts
 * renderMarkdown('**Balance:** `120` coins'); // bold "Balance:", cyan "120"
 * ```
 */
export function renderMarkdown(text: string): string {
  const out: string[] = [];
  let fence: string[] | null = null;
  for (const line of text.split('\n')) {
    if (/^```/.test(line.trim())) {
      if (fence) {
        out.push(...fence.map((code) => `  ${style('code', code)}`));
        fence = null;
      } else {
        fence = [];
      }
      continue;
    }
    if (fence) {
      fence.push(line);
      continue;
    }
    const heading = /^(#{1,3}) (.+)$/.exec(line);
    if (heading) {
      out.push(style('bold', style('underline', inline(heading[2] ?? ''))));
      continue;
    }
    const subtext = /^-# (.+)$/.exec(line);
    if (subtext) {
      out.push(style('dim', inline(subtext[1] ?? '')));
      continue;
    }
    const quote = /^>>?>? ?(.*)$/.exec(line);
    if (quote) {
      out.push(`${style('dim', '│')} ${inline(quote[1] ?? '')}`);
      continue;
    }
    out.push(inline(line));
  }
  // An unclosed fence is shown as it was typed.
  if (fence) out.push('```', ...fence);
  return out.join('\n');
}
