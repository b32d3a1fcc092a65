import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Capture, cleanup, copyFixtures, readJson, runIn, tempDir } from './harness';

// Real @clack/prompts, driven through streams: each answer is typed only once its question is
// on screen (event-driven, no sleeps).
const ENTER = '\r';
const DOWN = '\x1b[B';
const CTRL_C = '\x03';

class Terminal {
  readonly input = new PassThrough();
  readonly output = new Capture();
  private seen = 0;

  /** Waits for `question` to appear after the previous one, then types `keys`. */
  async answer(question: string, ...keys: string[]): Promise<void> {
    await new Promise<void>((resolve) => {
      const check = () => {
        const at = this.output.text.indexOf(question, this.seen);
        if (at === -1) return;
        this.seen = at + question.length;
        this.output.off('chunk', check);
        resolve();
      };
      this.output.on('chunk', check);
      check();
    });
    for (const key of keys) this.input.write(key);
  }
}

let cwd: string;
beforeEach(async () => {
  cwd = await tempDir();
});
afterEach(async () => {
  await cleanup(cwd);
});

function start(terminal: Terminal, argv: readonly string[] = []) {
  return runIn(cwd, argv, { interactive: true, stdin: terminal.input, stdout: terminal.output });
}

describe('interactive', () => {
  test('asks directory, template, package manager, install and git; creates what was chosen', async () => {
    const terminal = new Terminal();
    const done = start(terminal);
    await terminal.answer('Where should the bot be created?', 'chat-bot', ENTER);
    await terminal.answer('Which template?', DOWN, ENTER);
    await terminal.answer('Which package manager?', DOWN, ENTER);
    await terminal.answer('Install dependencies now with pnpm?', 'n');
    await terminal.answer('Initialise a git repository?', 'n');
    const result = await done;
    expect(result.code).toBe(0);
    expect(terminal.output.text).toContain('A bare bot with no dependencies (test fixture)');
    const pkg = await readJson(join(cwd, 'chat-bot/package.json'));
    expect(pkg).toMatchObject({ name: 'chat-bot', dependencies: { '@zoryx/hooks': '^1.2.3' } });
    expect(existsSync(join(cwd, 'chat-bot/.git'))).toBe(false);
    expect(terminal.output.text).toContain('  cd chat-bot\n  pnpm install\n  pnpm dev ');
  });

  test('the detected package manager is preselected; flags skip their questions', async () => {
    const terminal = new Terminal();
    const done = runIn(cwd, ['bot', '--template', 'basic', '--no-git'], {
      interactive: true,
      stdin: terminal.input,
      stdout: terminal.output,
      extraEnv: { npm_config_user_agent: 'yarn/4.5.0 npm/? node/v20.19.0' },
    });
    await terminal.answer('Which package manager?', ENTER);
    await terminal.answer('Install dependencies now with yarn?', 'n');
    const result = await done;
    expect(result.code).toBe(0);
    expect(terminal.output.text).not.toContain('Where should the bot be created?');
    expect(terminal.output.text).not.toContain('Which template?');
    expect(terminal.output.text).not.toContain('Initialise a git repository?');
    expect(terminal.output.text).toContain('  yarn\n  yarn dev ');
  });

  test('an invalid or occupied directory is rejected inline, then a good one is accepted', async () => {
    await mkdir(join(cwd, 'taken'));
    await writeFile(join(cwd, 'taken/file.txt'), 'x');
    const terminal = new Terminal();
    const done = start(terminal, ['--pm', 'npm', '--no-install', '--no-git', '-t', 'basic']);
    await terminal.answer('Where should the bot be created?', 'Bad Name', ENTER);
    await terminal.answer(
      'is not a valid npm package name',
      ...Array(8).fill('\x7f'),
      'taken',
      ENTER,
    );
    await terminal.answer('is not empty', ...Array(5).fill('\x7f'), 'fresh', ENTER);
    const result = await done;
    expect(result.code).toBe(0);
    expect((await readdir(cwd)).sort()).toEqual(['fresh', 'taken']);
  });

  test('Ctrl-C at any question cancels with exit 130 and leaves nothing behind', async () => {
    const terminal = new Terminal();
    const done = start(terminal);
    await terminal.answer('Where should the bot be created?', 'half-bot', ENTER);
    await terminal.answer('Which template?', ENTER);
    await terminal.answer('Which package manager?', CTRL_C);
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('ZRX_CREATE_CANCELLED');
    expect(await readdir(cwd)).toEqual([]);
  });

  test('a bad flag fails before the first question', async () => {
    const terminal = new Terminal();
    const result = await start(terminal, ['--template', 'nope']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZRX_CREATE_UNKNOWN_TEMPLATE');
    expect(terminal.output.text).not.toContain('Where should the bot be created?');
  });
});

test('with a single template there is no template question, only a note naming it', async () => {
  const templates = await copyFixtures(cwd);
  await rm(join(templates, 'with-deps'), { recursive: true });
  const terminal = new Terminal();
  const done = runIn(cwd, ['solo', '--pm', 'npm', '--no-install', '--no-git'], {
    interactive: true,
    stdin: terminal.input,
    stdout: terminal.output,
    extraEnv: { ZORYX_CREATE_TEMPLATES_DIR: templates },
  });
  const result = await done;
  expect(result.code).toBe(0);
  expect(terminal.output.text).toContain(
    'Template: basic (A bare bot with no dependencies (test fixture))',
  );
  expect(terminal.output.text).not.toContain('Which template?');
});
