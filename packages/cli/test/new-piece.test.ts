import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { createTestBot, type TestBot } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newExtension } from '../src/new-extension.js';
import { newPiece } from '../src/new-piece.js';

const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The starter template's compiler options (as in new-extension.test.ts), plus Node types off. */
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

async function filesOf(dir: string, under: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(join(dir, under), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = await readFile(path, 'utf8');
  }
  return files;
}

// `zoryx new command|listener|component`, as a bot author meets it: the pieces land in the
// extension, are wired into its index.ts, type-check under the template's options, and a real
// bot loads them and answers the new command.
describe('zoryx new command|listener|component', () => {
  let files: Record<string, string>;
  let wired: (string | null)[];
  let t: TestBot;

  beforeAll(async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'zoryx-cli-pieces-'));
    try {
      await newExtension({ cwd: scratch, name: 'dice' });
      wired = [];
      for (const [kind, name] of [
        ['command', 'roll'],
        ['component', 'reroll'],
        ['listener', 'watch'],
      ] as const) {
        wired.push((await newPiece({ cwd: scratch, kind, name })).wiredInto);
      }
      files = await filesOf(scratch, 'extensions');
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    t = await createTestBot({ files });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes each piece in its folder and wires it into the extension', () => {
    expect(Object.keys(files).sort()).toEqual([
      'extensions/dice/commands/roll.ts',
      'extensions/dice/components/reroll.ts',
      'extensions/dice/index.ts',
      'extensions/dice/listeners/watch.ts',
    ]);
    expect(wired).toEqual([
      'extensions/dice/index.ts',
      'extensions/dice/index.ts',
      'extensions/dice/index.ts',
    ]);
    const index = files['extensions/dice/index.ts'] ?? '';
    expect(index).toContain("import { rollCommand } from './commands/roll.js';");
    expect(index).toMatch(/commands: \[rollCommand, diceCommand\]/);
    expect(index).toContain('components: [rerollComponent]');
    expect(index).toMatch(/setup\(ctx\)[^{]*\{\n\s+listenWatch\(ctx\);/);
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

  it('loads, and the new command answers', async () => {
    expect(t.report.loaded).toContain('dice');
    const reply = await t.member.slash(t.guild, 'roll', { text: 'a d20' }).reply();
    expect(reply.content).toBe('roll: a d20');
  });

  it('refuses to guess the extension when there are several, suggesting names', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'zoryx-cli-pieces-'));
    try {
      await newExtension({ cwd: scratch, name: 'dice' });
      await newExtension({ cwd: scratch, name: 'cards' });
      await expect(newPiece({ cwd: scratch, kind: 'command', name: 'x' })).rejects.toThrow(
        'There are 2: cards, dice.',
      );
      await expect(
        newPiece({ cwd: scratch, kind: 'command', name: 'x', extension: 'dcie' }),
      ).rejects.toThrow('Did you mean "dice"?');
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
