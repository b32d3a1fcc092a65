// What starting a bot loads before its worker exists. Supervised, the bot (discord.js, Sapphire,
// the framework, the extensions) loads in the worker thread; the thread that reads the settings and
// spawns that worker must not load it first, or the cold start pays for it twice, one after the
// other. Checked on the built dist/ (turbo builds it before the tests) in a fresh process, by
// recording every module URL the imports resolve (test/fixtures/record-imports.mjs).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const RECORDER = join(import.meta.dirname, 'fixtures', 'record-imports.mjs');

/** The module URLs that importing `specifiers` in a fresh Node process resolved. */
async function importsOf(...specifiers: string[]): Promise<string[]> {
  const { stdout } = await run(process.execPath, [RECORDER, ...specifiers], {
    cwd: join(import.meta.dirname, '..'),
  });
  return JSON.parse(stdout) as string[];
}

/** The chunk runBot imports when called (dist/index.js imports it lazily), as a file URL. */
function runPath(): string {
  const dist = join(import.meta.dirname, '..', 'dist');
  const chunk = /import\("\.\/(run-bot-[\w-]+\.js)"\)|import\('\.\/(run-bot-[\w-]+\.js)'\)/.exec(
    readFileSync(join(dist, 'index.js'), 'utf8'),
  );
  const name = chunk?.[1] ?? chunk?.[2];
  if (!name) throw new Error('dist/index.js imports no run-bot chunk: rebuild @zoryx/cli');
  return pathToFileURL(join(dist, name)).href;
}

/** What the worker loads and the supervising thread must not. */
const WORKER_ONLY = [
  /\/discord\.js\//,
  /\/@sapphire\//,
  /\/packages\/framework\/dist\/(index|internals)\.js$/,
  /\/packages\/(loader|db|emulator|marketplace|cluster)\//,
];

function heavy(urls: string[]): string[] {
  return urls.filter((url) => WORKER_ONLY.some((pattern) => pattern.test(url)));
}

describe('what starting a bot loads in the supervising thread', () => {
  it('is built', () => {
    expect(existsSync(join(import.meta.dirname, '..', 'dist', 'index.js'))).toBe(true);
  });

  it("@zoryx/cli's entry (runBot: the template's start) loads no discord.js, framework or emulator", async () => {
    const urls = await importsOf('@zoryx/cli', runPath());
    expect(urls.some((url) => url.endsWith('/packages/cli/dist/index.js'))).toBe(true);
    expect(urls.some((url) => url.endsWith('/packages/supervisor/dist/index.js'))).toBe(true);
    expect(heavy(urls)).toEqual([]);
  });

  it('nor the run path itself: runBot enables the compile cache before it is compiled', async () => {
    const urls = await importsOf('@zoryx/cli');
    expect(urls.some((url) => url.endsWith('/packages/cli/dist/index.js'))).toBe(true);
    // Only the supervisor's one small compile-cache module, which runBot calls first.
    expect(
      urls.filter(
        (url) =>
          /\/packages\/(supervisor|framework)\//.test(url) &&
          !url.endsWith('/packages/supervisor/dist/compile-cache.js'),
      ),
    ).toEqual([]);
    expect(urls.some((url) => url.endsWith('/packages/supervisor/dist/compile-cache.js'))).toBe(
      true,
    );
  });

  it('nor zod: runBot reads the validated settings after it has spawned the worker', async () => {
    const urls = await importsOf('@zoryx/cli', runPath());
    // What the supervisor needs first (the token, the intents) comes from the env entry.
    expect(urls.some((url) => url.endsWith('/packages/framework/dist/env.js'))).toBe(true);
    expect(
      urls.filter((url) => /\/zod\/|\/packages\/framework\/dist\/config\.js$/.test(url)),
    ).toEqual([]);
  });

  it("the framework's light entry (@zoryx/framework/config) reads settings without discord.js", async () => {
    const urls = await importsOf('@zoryx/framework/config');
    expect(urls.some((url) => url.endsWith('/packages/framework/dist/config.js'))).toBe(true);
    expect(heavy(urls)).toEqual([]);
  });

  it("the worker's framework loads no zod: its config comes validated from this thread", async () => {
    const urls = await importsOf(
      '@zoryx/framework',
      '@zoryx/framework/internals',
      '@zoryx/supervisor/worker',
    );
    expect(urls.some((url) => url.endsWith('/packages/framework/dist/index.js'))).toBe(true);
    expect(urls.filter((url) => /\/zod\//.test(url))).toEqual([]);
  });

  it("the worker's loader loads semver as part of @zoryx/resolver's one file, not as 47 modules", async () => {
    const urls = await importsOf('@zoryx/framework', '@zoryx/framework/internals');
    expect(urls.some((url) => url.endsWith('/packages/resolver/dist/index.js'))).toBe(true);
    expect(urls.filter((url) => /\/semver\//.test(url))).toEqual([]);
  });

  it('the worker entry does load the framework (the check above can see it)', async () => {
    const urls = await importsOf('@zoryx/framework');
    expect(heavy(urls).some((url) => /\/discord\.js\//.test(url))).toBe(true);
  });
});
