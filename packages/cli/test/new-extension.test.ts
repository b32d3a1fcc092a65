import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestBot, type TestBot } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newExtension } from '../src/new-extension.js';

// The API the generated extension declares (its own `declare module` is not part of this
// program: the file is generated into a temp folder).
declare module '@zoryx/framework' {
  interface ExtensionApis {
    'ticket-tools': { greetings(): number };
  }
}

const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * The compiler options of the starter template (templates/default/tsconfig.json), the strictest
 * a generated extension meets; `types: []` because the skeleton needs no Node globals.
 */
const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    moduleDetection: 'force',
    types: [],
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
  include: ['extensions'],
};

// `zoryx new extension` output, checked as a bot author would meet it: it type-checks under the
// template's compiler options, and a real bot (against the emulator) loads it and answers its
// command in the slash, prefix and mention forms.
describe('zoryx new extension: the generated code', () => {
  let source: string;
  let t: TestBot;

  beforeAll(async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'zoryx-cli-skeleton-'));
    try {
      source = await readFile((await newExtension({ cwd: scratch, name: 'ticket-tools' })).file, {
        encoding: 'utf8',
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    // The bot runs in a temp folder whose node_modules links this package's, so the extension
    // resolves @zoryx/framework and zod as in a bot made from the template.
    t = await createTestBot({ files: { 'extensions/ticket-tools/index.ts': source } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is written against @zoryx/framework alone, with no casts', () => {
    expect(source.match(/from '([^']+)'/g)).toEqual(["from '@zoryx/framework'", "from 'zod'"]);
    expect(source).toContain("declare module '@zoryx/framework'");
    expect(source).not.toMatch(/\bas (unknown|never|any)\b|@sapphire|@zoryx\/(loader|hooks|db)/);
  });

  it('type-checks under the template compiler options', async () => {
    await writeFile(join(t.dir, 'tsconfig.json'), JSON.stringify(TEMPLATE_TSCONFIG));
    const result = await run(process.execPath, [tsc, '-p', join(t.dir, 'tsconfig.json')]).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string }) => ({ ok: false, output: error.stdout ?? String(error) }),
    );
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('loads, and one run answers /ticket-tools, !ticket-tools and @Bot ticket-tools', async () => {
    expect(t.report.loaded).toContain('ticket-tools');
    const slash = await t.member.slash(t.guild, 'ticket-tools').reply();
    expect(slash.content).toBe('Hello, member, from ticket-tools!');
    const prefix = await t.member.send(t.channel, `!ticket-tools <@${t.admin.id}>`).reply();
    expect(prefix.content).toBe('Hello, admin, from ticket-tools!');
    const mention = await t.member
      .send(t.channel, `<@${t.discord.botUserId}> ticket-tools`)
      .reply();
    expect(mention.content).toBe('Hello, member, from ticket-tools!');
  });

  it('exposes its typed API and counts the greetings through its hook event', async () => {
    await t.bot.hooks.drain();
    expect(t.bot.extensions.get('ticket-tools')?.greetings()).toBe(3);
  });
});
