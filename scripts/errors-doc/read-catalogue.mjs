// Reads a package's error catalogue out of its `src/errors.ts` with the TypeScript parser, without
// running the file: the docs and the drift check then need no build, and a catalogue that is not
// plain data (a computed key, a meaning built at runtime) is refused instead of half-understood.
import ts from 'typescript';

/** A well-formed code: `ZRX_` then upper-case words joined by single underscores. */
export const CODE_PATTERN = /^ZRX_[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

/**
 * @typedef {{ code: string, meaning: string, hint: string, line: number }} CatalogueEntry
 * @typedef {{
 *   name: string,
 *   intro: string,
 *   entries: CatalogueEntry[],
 *   span: { start: number, end: number },
 * }} Catalogue
 */

/**
 * The catalogue declared in `text` (the source of `file`): the one exported `const` whose name
 * ends in `ErrorCatalogue`, an object literal mapping each code to `{ meaning, hint }` (other
 * properties, such as a message template, are allowed and ignored). Returns `undefined` when the
 * file declares none; throws, naming file and line, when the declaration is not plain data.
 *
 * @param {string} file path used in error messages
 * @param {string} text the file's source
 * @returns {Catalogue | undefined}
 */
export function readCatalogue(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const where = (node) =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const found = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && /ErrorCatalogue$/.test(declaration.name.text)) {
        if (!exported) throw new Error(`${where(declaration)}: the catalogue must be exported`);
        found.push({ statement, declaration });
      }
    }
  }
  if (found.length === 0) return undefined;
  if (found.length > 1) {
    throw new Error(`${where(found[1].declaration)}: a package declares one error catalogue`);
  }
  const [{ statement, declaration }] = found;
  const object = unwrap(declaration.initializer);
  if (object === undefined || !ts.isObjectLiteralExpression(object)) {
    throw new Error(`${where(declaration)}: the catalogue must be an object literal`);
  }
  const entries = [];
  for (const property of object.properties) {
    const code = propertyName(property);
    if (!ts.isPropertyAssignment(property) || code === undefined) {
      throw new Error(`${where(property)}: each entry is \`ZRX_CODE: { meaning, hint }\``);
    }
    if (!CODE_PATTERN.test(code)) {
      throw new Error(`${where(property)}: "${code}" is not a ZRX_UPPER_CASE code`);
    }
    if (entries.some((e) => e.code === code)) {
      throw new Error(`${where(property)}: ${code} is declared twice in this catalogue`);
    }
    const value = unwrap(property.initializer);
    if (value === undefined || !ts.isObjectLiteralExpression(value)) {
      throw new Error(`${where(property)}: ${code} must map to \`{ meaning, hint }\``);
    }
    const text = (key) => {
      const field = value.properties.find((p) => propertyName(p) === key);
      const literal =
        field && ts.isPropertyAssignment(field) ? stringValue(field.initializer) : undefined;
      if (literal === undefined || literal.trim() === '') {
        throw new Error(`${where(property)}: ${code}.${key} must be a non-empty string literal`);
      }
      return literal;
    };
    entries.push({
      code,
      meaning: text('meaning'),
      hint: text('hint'),
      line: source.getLineAndCharacterOfPosition(property.getStart()).line + 1,
    });
  }
  if (entries.length === 0) throw new Error(`${where(declaration)}: the catalogue is empty`);
  // The span covers the TSDoc too, so codes named in the intro do not count as "used".
  return {
    name: declaration.name.text,
    intro: introOf(statement, text),
    entries,
    span: { start: statement.getFullStart(), end: statement.getEnd() },
  };
}

/** Looks through `as const`, `satisfies …`, parentheses and `Object.freeze(…)`. */
function unwrap(node) {
  let current = node;
  while (current !== undefined) {
    if (
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isParenthesizedExpression(current)
    ) {
      current = current.expression;
    } else if (
      ts.isCallExpression(current) &&
      current.expression.getText() === 'Object.freeze' &&
      current.arguments.length === 1
    ) {
      current = current.arguments[0];
    } else {
      return current;
    }
  }
  return undefined;
}

function propertyName(property) {
  const name = property.name;
  if (name === undefined) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** A string literal, a template without substitutions, or `+` of those; otherwise undefined. */
function stringValue(node) {
  const inner = unwrap(node);
  if (inner === undefined) return undefined;
  if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return inner.text;
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = stringValue(inner.left);
    const right = stringValue(inner.right);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
}

/**
 * The catalogue's TSDoc as Markdown: the text before the first block tag, with `{@link X}` as
 * `X` in a code span (line breaks are kept; Markdown joins the lines of a paragraph).
 */
function introOf(statement, text) {
  const ranges = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
  const doc = ranges.filter((r) => text.startsWith('/**', r.pos)).at(-1);
  if (doc === undefined) return '';
  const lines = text
    .slice(doc.pos + 3, doc.end - 2)
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trimEnd());
  const tag = lines.findIndex((line) => /^@\w/.test(line));
  return (tag === -1 ? lines : lines.slice(0, tag))
    .join('\n')
    .trim()
    .replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, '`$1`');
}
