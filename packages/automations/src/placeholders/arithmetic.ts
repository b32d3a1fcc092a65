// A tiny recursive-descent parser for `{math:…}`: numbers, names, + - * / %, parentheses and unary
// minus. It builds no code and calls nothing: the only operations are the five arithmetic ones,
// so no input can run code (no eval, no Function). Length and nesting are bounded.

/** An arithmetic expression tree. */
export type MathNode =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'neg'; readonly operand: MathNode }
  | {
      readonly kind: 'bin';
      readonly op: '+' | '-' | '*' | '/' | '%';
      readonly left: MathNode;
      readonly right: MathNode;
    };

/** Longest expression accepted, in characters. */
export const MAX_MATH_LENGTH = 200;
/** Deepest nesting accepted (parentheses and unary minus). */
const MAX_DEPTH = 32;

/** Parse result: the tree, or where and why it failed. */
export type MathParse =
  | { readonly ok: true; readonly node: MathNode; readonly names: readonly string[] }
  | { readonly ok: false; readonly message: string };

type Token =
  | { readonly t: 'num'; readonly v: number }
  | { readonly t: 'name'; readonly v: string }
  | { readonly t: 'op'; readonly v: string };

function tokenize(source: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    if (c === ' ' || c === '\t') {
      i++;
    } else if (/[0-9.]/.test(c)) {
      const match = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(source.slice(i));
      if (!match) return `bad number at ${i + 1}`;
      tokens.push({ t: 'num', v: Number(match[0]) });
      i += match[0].length;
    } else if (/[a-z_]/i.test(c)) {
      const match = /^[a-z_][a-z0-9_]*/i.exec(source.slice(i));
      const name = match?.[0] ?? c;
      tokens.push({ t: 'name', v: name });
      i += name.length;
    } else if ('+-*/%()'.includes(c)) {
      tokens.push({ t: 'op', v: c });
      i++;
    } else {
      return `unexpected "${c}" at ${i + 1} (only numbers, names, + - * / % and parentheses)`;
    }
  }
  return tokens;
}

/** Parses an expression; never throws. */
export function parseMath(source: string): MathParse {
  if (source.length > MAX_MATH_LENGTH) {
    return { ok: false, message: `longer than ${MAX_MATH_LENGTH} characters` };
  }
  const tokens = tokenize(source);
  if (typeof tokens === 'string') return { ok: false, message: tokens };
  let at = 0;
  const names = new Set<string>();
  const peek = () => tokens[at];
  const isOp = (v: string) => {
    const token = peek();
    return token?.t === 'op' && token.v === v;
  };

  const primary = (depth: number): MathNode | string => {
    if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH}`;
    const token = peek();
    if (!token) return 'expression ends too early';
    if (token.t === 'num') {
      at++;
      return { kind: 'num', value: token.v };
    }
    if (token.t === 'name') {
      at++;
      names.add(token.v);
      return { kind: 'name', name: token.v };
    }
    if (token.v === '-') {
      at++;
      const operand = primary(depth + 1);
      return typeof operand === 'string' ? operand : { kind: 'neg', operand };
    }
    if (token.v === '(') {
      at++;
      const inner = sum(depth + 1);
      if (typeof inner === 'string') return inner;
      if (!isOp(')')) return 'missing ")"';
      at++;
      return inner;
    }
    return `unexpected "${token.v}"`;
  };

  const product = (depth: number): MathNode | string => {
    let left = primary(depth);
    while (typeof left !== 'string' && (isOp('*') || isOp('/') || isOp('%'))) {
      const v = peek()?.v;
      const op = v === '/' ? '/' : v === '%' ? '%' : '*';
      at++;
      const right = primary(depth);
      if (typeof right === 'string') return right;
      left = { kind: 'bin', op, left, right };
    }
    return left;
  };

  const sum = (depth: number): MathNode | string => {
    let left = product(depth);
    while (typeof left !== 'string' && (isOp('+') || isOp('-'))) {
      const op = peek()?.v === '+' ? '+' : '-';
      at++;
      const right = product(depth);
      if (typeof right === 'string') return right;
      left = { kind: 'bin', op, left, right };
    }
    return left;
  };

  if (tokens.length === 0) return { ok: false, message: 'empty expression' };
  const node = sum(0);
  if (typeof node === 'string') return { ok: false, message: node };
  if (at < tokens.length) return { ok: false, message: `unexpected "${tokens[at]?.v}"` };
  return { ok: true, node, names: [...names] };
}

/** Evaluation result: a finite number rounded to 4 decimals, or why not. */
export type MathValue =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly message: string };

/** Evaluates a tree with `names` resolved by `lookup` (unknown names are an error); never throws. */
export function evaluateMath(
  node: MathNode,
  lookup: (name: string) => number | undefined,
): MathValue {
  const walk = (n: MathNode): number | string => {
    switch (n.kind) {
      case 'num':
        return n.value;
      case 'name': {
        const value = lookup(n.name);
        return value === undefined ? `unknown name "${n.name}"` : value;
      }
      case 'neg': {
        const value = walk(n.operand);
        return typeof value === 'string' ? value : -value;
      }
      case 'bin': {
        const left = walk(n.left);
        if (typeof left === 'string') return left;
        const right = walk(n.right);
        if (typeof right === 'string') return right;
        if ((n.op === '/' || n.op === '%') && right === 0) return 'division by zero';
        if (n.op === '+') return left + right;
        if (n.op === '-') return left - right;
        if (n.op === '*') return left * right;
        if (n.op === '/') return left / right;
        return left % right;
      }
    }
  };
  const value = walk(node);
  if (typeof value === 'string') return { ok: false, message: value };
  if (!Number.isFinite(value)) return { ok: false, message: 'result is not a finite number' };
  const rounded = Math.round(value * 10_000) / 10_000;
  return { ok: true, value: Object.is(rounded, -0) ? 0 : rounded };
}
