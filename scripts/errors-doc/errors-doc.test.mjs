import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readCatalogue } from './read-catalogue.mjs';
import { findDrift, renderErrorsDoc, scanPackages } from './repo.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('the repository', () => {
  it('has docs/errors.md fresh and every catalogue in agreement with the sources', () => {
    const packages = scanPackages(repoRoot);
    const committed = readFileSync(join(repoRoot, 'docs/errors.md'), 'utf8');
    expect(findDrift(packages, committed)).toEqual([]);
    // Every package that reports coded errors has a catalogue.
    const withCodes = packages.filter((p) => p.sources.some((s) => /\bZRX_[A-Z]/.test(s.text)));
    expect(withCodes.filter((p) => p.catalogue === undefined).map((p) => p.dir)).toEqual([]);
  });
});

const catalogueOf = (name, entries, doc = 'Errors of the fixture.') =>
  `/** ${doc} */
export const ${name}ErrorCatalogue = {
${entries.map(([code, meaning, hint]) => `  ${code}: { meaning: '${meaning}', hint: '${hint}' },`).join('\n')}
} as const;
export type Code = keyof typeof ${name}ErrorCatalogue;
`;

let root;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A throwaway repository: `files` maps repo-relative paths to their text. */
function fixture(files) {
  root = mkdtempSync(join(tmpdir(), 'zoryx-errors-doc-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return scanPackages(root);
}

const agreeing = {
  'packages/alpha/package.json': '{ "name": "@zoryx/alpha" }',
  'packages/alpha/src/errors.ts': catalogueOf('alpha', [
    ['ZRX_ALPHA_BROKEN', 'the alpha broke', 'Mend it.'],
  ]),
  'packages/alpha/src/run.ts': `throw new AlphaError('ZRX_ALPHA_BROKEN', 'it broke');\n`,
  'packages/alpha/src/run.test.ts': `throw new Error('tests may'); // ZRX_NOT_IN_ANY_CATALOGUE\n`,
  'packages/beta/package.json': '{ "name": "@zoryx/beta" }',
  'packages/beta/src/errors.ts': catalogueOf(
    'beta',
    [['ZRX_BETA_LATE', 'beta | was late', 'Wait.']],
    'Beta reports these,\nsee {@link BetaError}.\n\n@example nothing',
  ),
  'packages/beta/src/late.ts': `// checks alpha's ZRX_ALPHA_BROKEN too\nexport const code = 'ZRX_BETA_LATE';\n`,
};

describe('findDrift', () => {
  it('finds nothing when the page, the catalogues and the sources agree', () => {
    const packages = fixture(agreeing);
    expect(findDrift(packages, renderErrorsDoc(packages))).toEqual([]);
  });

  it('renders one section per package from its catalogue and TSDoc', () => {
    const doc = renderErrorsDoc(fixture(agreeing));
    expect(doc).toContain(
      '## @zoryx/beta\n\nBeta reports these,\nsee `BetaError`.\n\n| code | when | hint |',
    );
    expect(doc).toContain('| `ZRX_BETA_LATE` | beta \\| was late | Wait. |');
    expect(doc.indexOf('## @zoryx/alpha')).toBeLessThan(doc.indexOf('## @zoryx/beta'));
  });

  it('reports a stale or missing page', () => {
    const packages = fixture(agreeing);
    const stale = 'docs/errors.md is stale: run `node scripts/errors-doc.mjs` and commit it.';
    expect(findDrift(packages, undefined)).toEqual([stale]);
    expect(findDrift(packages, `${renderErrorsDoc(packages)}edited by hand\n`)).toEqual([stale]);
  });

  it('reports a code used in sources that no catalogue declares (used → documented)', () => {
    const packages = fixture({
      ...agreeing,
      'packages/beta/src/new.ts': `\n\nthrow new BetaError('ZRX_BETA_NEW', 'new');\n`,
    });
    expect(findDrift(packages, renderErrorsDoc(packages))).toEqual([
      'ZRX_BETA_NEW (used in packages/beta/src/new.ts:3) is in no catalogue: add it to packages/beta/src/errors.ts with its meaning and hint',
    ]);
  });

  it('reports a catalogue code its package never uses outside the catalogue (documented → used)', () => {
    const packages = fixture({
      ...agreeing,
      // Named in the catalogue's own TSDoc and in another package: neither counts as a use.
      'packages/alpha/src/errors.ts': catalogueOf(
        'alpha',
        [
          ['ZRX_ALPHA_BROKEN', 'the alpha broke', 'Mend it.'],
          ['ZRX_ALPHA_GONE', 'no longer thrown', 'None.'],
        ],
        'Includes ZRX_ALPHA_GONE.',
      ),
      'packages/beta/src/late.ts': `export const codes = ['ZRX_BETA_LATE', 'ZRX_ALPHA_GONE'];\n`,
    });
    expect(findDrift(packages, renderErrorsDoc(packages))).toEqual([
      'ZRX_ALPHA_GONE (packages/alpha/src/errors.ts:4) is not used in packages/alpha/src outside the catalogue: use it or remove it',
    ]);
  });

  it('reports a code declared by two catalogues (one meaning per code)', () => {
    const packages = fixture({
      ...agreeing,
      'packages/beta/src/errors.ts': catalogueOf('beta', [
        ['ZRX_BETA_LATE', 'beta was late', 'Wait.'],
        ['ZRX_ALPHA_BROKEN', 'another meaning', 'Other.'],
      ]),
      'packages/beta/src/late.ts': `export const codes = ['ZRX_BETA_LATE', 'ZRX_ALPHA_BROKEN'];\n`,
    });
    expect(findDrift(packages, renderErrorsDoc(packages))).toEqual([
      'ZRX_ALPHA_BROKEN is declared by two catalogues (@zoryx/alpha and @zoryx/beta): one code, one meaning — rename one',
    ]);
  });

  it('reports bare throws of built-in errors in non-test sources', () => {
    const packages = fixture({
      ...agreeing,
      'packages/alpha/src/run.ts': `throw new AlphaError('ZRX_ALPHA_BROKEN', 'it broke');\nif (x) throw new TypeError('no');\nthrow  new Error (\`no\`);\nthrow Object.assign(new Error('simulated'), { code: 'ENOENT' });\n`,
    });
    expect(findDrift(packages, renderErrorsDoc(packages))).toEqual([
      "packages/alpha/src/run.ts:2: bare `throw new TypeError(`; throw the package's coded error (a code from packages/alpha/src/errors.ts) instead",
      "packages/alpha/src/run.ts:3: bare `throw new Error(`; throw the package's coded error (a code from packages/alpha/src/errors.ts) instead",
    ]);
  });
});

describe('readCatalogue', () => {
  it('reads codes, meanings and hints in order, through `Object.freeze` and concatenation', () => {
    const catalogue = readCatalogue(
      'errors.ts',
      `export const xErrorCatalogue = Object.freeze({\n  ZRX_X_ONE: { meaning: 'one ' + \`two\`, hint: 'h', message: (n: string) => n },\n  'ZRX_X_TWO': { hint: 'h2', meaning: 'm2' },\n});\n`,
    );
    expect(catalogue.entries).toEqual([
      { code: 'ZRX_X_ONE', meaning: 'one two', hint: 'h', line: 2 },
      { code: 'ZRX_X_TWO', meaning: 'm2', hint: 'h2', line: 3 },
    ]);
  });

  it('returns undefined for a file without a catalogue', () => {
    expect(readCatalogue('errors.ts', 'export class XError extends Error {}\n')).toBeUndefined();
  });

  it.each([
    ['a computed meaning', "ZRX_X_A: { meaning: 'a ' + b, hint: 'h' }", 'must be a non-empty'],
    ['an empty hint', "ZRX_X_A: { meaning: 'm', hint: '' }", 'must be a non-empty'],
    ['a missing hint', "ZRX_X_A: { meaning: 'm' }", 'ZRX_X_A.hint must be'],
    ['a malformed code', "ZRX_x: { meaning: 'm', hint: 'h' }", 'is not a ZRX_UPPER_CASE code'],
    ['a spread', "...other, ZRX_X_A: { meaning: 'm', hint: 'h' }", 'each entry is'],
    [
      'a twice declared code',
      "ZRX_X_A: { meaning: 'm', hint: 'h' }, ZRX_X_A: { meaning: 'm', hint: 'h' }",
      'declared twice',
    ],
  ])('refuses %s, naming the file and line', (_, body, message) => {
    expect(() =>
      readCatalogue('pkg/errors.ts', `export const xErrorCatalogue = {\n  ${body},\n};\n`),
    ).toThrow(new RegExp(`^pkg/errors\\.ts:2: .*${message}`));
  });

  it('refuses an unexported catalogue', () => {
    expect(() =>
      readCatalogue('e.ts', "const xErrorCatalogue = { ZRX_X: { meaning: 'm', hint: 'h' } };"),
    ).toThrow('e.ts:1: the catalogue must be exported');
  });
});
