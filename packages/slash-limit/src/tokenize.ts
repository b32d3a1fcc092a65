/** One argument of a prefix invocation. */
export interface Token {
  /** The text, without surrounding quotes. */
  readonly value: string;
  /** Offsets of the whole token (name prefix and quotes included) in the input. */
  readonly start: number;
  readonly end: number;
  /** Set for `name:value` arguments: the option name as written. */
  readonly name?: string;
  readonly quoted: boolean;
}

const CLOSING: Readonly<Record<string, string>> = { '"': '"', "'": "'", '“': '”', '‘': '’' };
const NAMED = /^([^\s:"'“‘]+):/u;

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/u.test(char);
}

/**
 * Splits prefix-command arguments. A quote opens only at the start of an argument (or right
 * after `name:`) and closes only before whitespace or the end, so apostrophes inside words
 * (`don't`) stay literal; `\"` escapes a quote inside a quoted argument. An unclosed quote is
 * read literally. `name:value` is recognised only for names in `optionNames` (lowercase), so
 * `https://…` stays one positional argument.
 */
export function tokenize(text: string, optionNames: ReadonlySet<string>): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const start = i;
    let name: string | undefined;
    const named = NAMED.exec(text.slice(i, i + 40));
    if (named !== null && optionNames.has(named[1]!.toLowerCase())) {
      name = named[1]!;
      i += named[0].length;
    }
    const quoted = readQuoted(text, i);
    let value: string;
    if (quoted !== undefined) {
      value = quoted.value;
      i = quoted.end;
    } else {
      const from = i;
      while (i < text.length && !isSpace(text[i])) i++;
      value = text.slice(from, i);
    }
    tokens.push({
      value,
      start,
      end: i,
      quoted: quoted !== undefined,
      ...(name === undefined ? {} : { name }),
    });
  }
  return tokens;
}

function readQuoted(text: string, from: number): { value: string; end: number } | undefined {
  const open = text[from];
  const close = open === undefined ? undefined : CLOSING[open];
  if (close === undefined) return undefined;
  let value = '';
  for (let i = from + 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && (text[i + 1] === close || text[i + 1] === '\\')) {
      value += text[i + 1];
      i++;
      continue;
    }
    if (
      (char === close || (open === '“' && char === '"')) &&
      (i + 1 === text.length || isSpace(text[i + 1]))
    ) {
      return { value, end: i + 1 };
    }
    value += char;
  }
  return undefined;
}
