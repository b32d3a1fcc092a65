import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type CreateIo, run } from '../src/run';

/** The fixture templates folder (basic, with-deps, + zoryx-versions.json). */
export const FIXTURE_TEMPLATES = fileURLToPath(new URL('./fixtures/templates', import.meta.url));

/** The package root (for dist/cli.js). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A Writable that records everything written to it and emits `chunk` after each write. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    this.emit('chunk');
    done();
  }
}

/** A fresh temp directory per test, removed with `cleanup`. */
export async function tempDir(prefix = 'zoryx-create-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Copies the fixture templates into a temp folder a test may change. */
export async function copyFixtures(into: string): Promise<string> {
  const dir = join(into, 'templates');
  await cp(FIXTURE_TEMPLATES, dir, { recursive: true });
  return dir;
}

export async function cleanup(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * process.env without what the test runner's own package manager sets: under `pnpm test`,
 * `npm_config_user_agent` says pnpm, which would change the detected package manager.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.npm_config_user_agent;
  return env;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Calls `run` in-process with captured output and the fixture templates. */
export async function runIn(
  cwd: string,
  argv: readonly string[],
  overrides: Partial<CreateIo> & { readonly extraEnv?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const { extraEnv, ...io } = overrides;
  const code = await run(argv, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    cwd,
    interactive: false,
    childStdio: 'pipe',
    env: { ...cleanEnv(), ZORYX_CREATE_TEMPLATES_DIR: FIXTURE_TEMPLATES, ...extraEnv },
    ...io,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}
