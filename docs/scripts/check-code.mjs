// Every TypeScript block of the guides is type-checked, and the first-extension guide is run:
// blocks whose first line is `// <path>` are files of one bot folder (written to .check/bot, with
// a config.json), the others are checked one by one as modules (.check/snippets). Then the
// bot's own tests (`test/*.test.ts` blocks) run with vitest. Fails on any type error or red test.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = join(docs, '.check');
const require = createRequire(import.meta.url);

/** ```ts / ```typescript blocks of a Markdown text, with the line they start at. */
export function codeBlocks(text) {
  const blocks = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(ts|typescript)\b/.exec(lines[i]);
    if (!open) continue;
    const start = i + 1;
    const body = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]); i += 1) body.push(lines[i]);
    blocks.push({ line: start, code: `${body.join('\n')}\n` });
  }
  return blocks;
}

/** The compiler options of the starter template: what a bot author's code must pass. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    moduleDetection: 'force',
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noImplicitReturns: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
  },
};

async function guides() {
  const dir = join(docs, 'guide');
  return (await readdir(dir)).filter((f) => f.endsWith('.md')).map((f) => join(dir, f));
}

async function main() {
  await rm(check, { recursive: true, force: true });
  const bot = join(check, 'bot');
  const snippets = join(check, 'snippets');
  await mkdir(snippets, { recursive: true });
  let files = 0;
  let loose = 0;
  for (const page of await guides()) {
    const name = relative(docs, page).replace(/[/\\]/g, '-').replace(/\.md$/, '');
    for (const block of codeBlocks(await readFile(page, 'utf8'))) {
      const path = /^\/\/ ([\w./-]+\.ts)\n/.exec(block.code)?.[1];
      if (path) {
        await mkdir(dirname(join(bot, path)), { recursive: true });
        await writeFile(join(bot, path), block.code);
        files += 1;
      } else {
        await writeFile(join(snippets, `${name}-line-${block.line}.ts`), block.code);
        loose += 1;
      }
    }
  }
  await writeFile(join(bot, 'config.json'), `${JSON.stringify({ prefix: '!' }, null, 2)}\n`);
  await writeFile(
    join(check, 'tsconfig.json'),
    JSON.stringify({ ...TSCONFIG, include: ['bot/**/*.ts', 'snippets/**/*.ts'] }, null, 2),
  );
  const tsc = require.resolve('typescript/bin/tsc');
  const typecheck = await run(process.execPath, [tsc, '-p', join(check, 'tsconfig.json')]).then(
    () => '',
    (error) => error.stdout || String(error),
  );
  if (typecheck) {
    process.stderr.write(
      `type errors in the guides' code (files under docs/.check):\n${typecheck}`,
    );
    process.exit(1);
  }
  process.stdout.write(`code: ${files} bot files and ${loose} snippets type-check\n`);
  const tests = (await readdir(join(bot, 'test')).catch(() => [])).filter((f) =>
    f.endsWith('.test.ts'),
  );
  if (tests.length === 0) return;
  const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
  const result = await run(process.execPath, [vitest, 'run', '--root', bot, '--dir', 'test'], {
    cwd: bot,
    env: { ...process.env, CI: process.env.CI ?? '' },
  }).then(
    ({ stdout }) => ({ ok: true, output: stdout }),
    (error) => ({ ok: false, output: `${error.stdout}\n${error.stderr}` }),
  );
  if (!result.ok) {
    process.stderr.write(`the guide's tests failed:\n${result.output}`);
    process.exit(1);
  }
  process.stdout.write(`code: the guide's tests pass (${tests.join(', ')})\n`);
}

await main();
