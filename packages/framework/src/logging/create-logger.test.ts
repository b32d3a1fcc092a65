import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/schema.js';
import { createLogger } from './create-logger.js';
import { createErrorId } from './error-id.js';
import { REDACTED } from './redact.js';
import { KEYED_SECRETS, logSecretShapes, VISIBLE } from './secret-lines.fixture.js';

const here = dirname(fileURLToPath(import.meta.url));
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';
/** Distinctive pieces of every secret: none may appear in any line. */
const NEEDLES = [TOKEN, TOKEN.slice(0, 26), TOKEN.slice(-30), ...Object.values(KEYED_SECRETS)];

function leaks(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => NEEDLES.some((needle) => line.includes(needle)))
    .map((line) => line.slice(0, 300));
}

describe('createLogger', () => {
  it('writes rotating files, keeps at most maxFiles old ones, and redacts secrets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-log-'));
    try {
      const logging = {
        ...defaultConfig().logging,
        dir: 'logs',
        maxFileSizeMb: 2 / 1024,
        maxFiles: 2,
        currentRun: false,
      };
      const { logger, close, file } = createLogger({ logging, cwd: dir, console: false });
      expect(file).toBe(join(dir, 'logs', 'zoryx'));
      // pino-roll checks the size after each write its worker makes, so write in flushed batches.
      // On a loaded machine the worker may merge several batches into one write, so keep writing
      // (up to 200 batches) until a rotated file exists rather than assuming 6 batches suffice.
      const logs = join(dir, 'logs');
      const logFiles = async () =>
        (await readdir(logs).catch(() => [] as string[])).filter((f) => f.startsWith('zoryx'));
      for (let batch = 0; batch < 200; batch++) {
        for (let i = 0; i < 20; i++)
          logger.info({ token: 'super-secret', i }, 'line %d padding', i);
        await new Promise<void>((done) => logger.flush(() => done()));
        if (batch >= 5 && (await logFiles()).length > 1) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await close();
      const files = (await readdir(join(dir, 'logs'))).filter((f) => f.startsWith('zoryx'));
      expect(files.length).toBeGreaterThan(1);
      expect(files.length).toBeLessThanOrEqual(3);
      const text = (
        await Promise.all(files.map((f) => readFile(join(dir, 'logs', f), 'utf8')))
      ).join('');
      expect(text).toContain('[redacted]');
      expect(text).not.toContain('super-secret');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('no secret reaches the rotated file, current-run.log or the console stream', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-log-'));
    const consolePath = join(dir, 'console.out');
    const consoleFd = openSync(consolePath, 'w');
    try {
      const logging = {
        ...defaultConfig().logging,
        level: 'trace' as const,
        pretty: 'never' as const,
      };
      const logs = createLogger({ logging, cwd: dir, console: consoleFd, secrets: [TOKEN] });
      logSecretShapes(logs.logger, TOKEN);
      await logs.close();
      const names = await readdir(join(dir, 'logs'));
      expect(names.sort()).toEqual(['current-run.log', 'zoryx.1.log']);
      const outputs = {
        rotated: await readFile(join(dir, 'logs', 'zoryx.1.log'), 'utf8'),
        currentRun: await readFile(join(dir, 'logs', 'current-run.log'), 'utf8'),
        console: await readFile(consolePath, 'utf8'),
      };
      for (const [name, text] of Object.entries(outputs)) {
        expect(leaks(text), name).toEqual([]);
        const lines = text.trim().split('\n');
        expect(lines.length, name).toBe(13);
        expect(text, name).toContain(VISIBLE);
      }
      // What the redaction keeps: every line is JSON, the error is still diagnosable.
      const lines = outputs.rotated
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines[0]).toMatchObject({
        msg: 'gateway login failed',
        err: {
          type: 'Error',
          message: 'request failed',
          config: { url: '/gateway/bot', headers: { Authorization: REDACTED } },
          request: { token: REDACTED, method: 'GET' },
        },
      });
      expect(lines[2]).toMatchObject({
        msg: 'the message carries it',
        err: { message: `invalid token ${REDACTED}` },
      });
      expect(JSON.stringify(lines[2])).toContain(`Error: invalid token ${REDACTED}\\n    at `);
      expect(lines.find((l) => l.msg === 'child bindings')).toMatchObject({
        token: REDACTED,
        auth: REDACTED,
      });
    } finally {
      try {
        closeSync(consoleFd); // the pino/file worker usually closed it already
      } catch {}
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('createLogger: how lines leave the process', () => {
  it('starts no transport at level silent, even with file logging on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-log-'));
    try {
      const logging = { ...defaultConfig().logging, level: 'silent' as const };
      const logs = createLogger({ logging, cwd: dir, console: 1 });
      expect(logs.output).toBe('off');
      logs.logger.error('never written');
      await logs.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes plain JSON console output from this thread, scrubbed, flushed by close()', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-log-'));
    const consolePath = join(dir, 'console.out');
    const consoleFd = openSync(consolePath, 'w');
    try {
      const logging = { ...defaultConfig().logging, file: false, pretty: 'never' as const };
      const logs = createLogger({ logging, cwd: dir, console: consoleFd, secrets: [TOKEN] });
      expect(logs.output).toBe('direct');
      for (let i = 0; i < 3; i++) logs.logger.info({ i }, `line ${i} with ${TOKEN}`);
      await logs.close();
      const text = await readFile(consolePath, 'utf8');
      expect(leaks(text)).toEqual([]);
      const lines = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { i: number; msg: string });
      expect(lines.map((l) => l.i)).toEqual([0, 1, 2]);
      expect(lines[0]?.msg).toBe(`line 0 with ${REDACTED}`);
    } finally {
      closeSync(consoleFd);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses the transport thread for files and pretty output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-log-'));
    try {
      const logs = createLogger({ logging: defaultConfig().logging, cwd: dir, console: false });
      expect(logs.output).toBe('thread');
      await logs.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('createLogger on the real stdout of a child process', () => {
  let outDir: string;
  let child: string;

  beforeAll(async () => {
    // Inside the package, so the bundle's bare imports (pino, pino-roll…) resolve as usual.
    outDir = await mkdtemp(join(here, '../../node_modules/.cache-log-child-'));
    await build({
      entry: { 'stdout-child': join(here, 'stdout-child.fixture.ts') },
      outDir,
      format: ['esm'],
      platform: 'node',
      target: 'node20',
      config: false,
      dts: false,
      sourcemap: false,
      silent: true,
      clean: false,
    });
    child = join(outDir, 'stdout-child.js');
  }, 60_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  function run(mode: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'production' };
      if (mode === 'env') env.DISCORD_TOKEN = TOKEN;
      else delete env.DISCORD_TOKEN;
      const proc = spawn(process.execPath, [child, mode, TOKEN], { env });
      let stdout = '';
      let stderr = '';
      proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      proc.on('error', reject);
      proc.on('close', (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}: ${stderr}`)),
      );
    });
  }

  it.each([
    ['json', 'the token passed as a secret'],
    ['env', 'the token only in DISCORD_TOKEN'],
    ['pretty', 'pino-pretty output'],
  ])(
    '%s (%s): no line on stdout holds a secret',
    async (mode) => {
      const stdout = await run(mode);
      expect(leaks(stdout)).toEqual([]);
      expect(stdout).toContain(VISIBLE);
      expect(stdout).toContain('gateway login failed');
      if (mode !== 'pretty') expect(stdout.trim().split('\n')).toHaveLength(13);
    },
    30_000,
  );
});

describe('createErrorId', () => {
  it('gives 8 unambiguous characters, different each time', () => {
    const ids = new Set(Array.from({ length: 1000 }, createErrorId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });
});
