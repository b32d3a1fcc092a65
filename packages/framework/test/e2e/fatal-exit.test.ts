import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@zoryx/emulator';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** An extension whose timer throws once, shortly after its setup. */
const FAULTY = `import { defineExtension } from '@zoryx/framework';
export default defineExtension({
  name: 'faulty',
  version: '1.0.0',
  setup() {
    setTimeout(() => {
      throw new Error('the faulty timer threw');
    }, 20);
  },
});
`;

interface LogLine {
  msg: string;
  code?: string;
  errorId?: string;
  extension?: string;
}

describe('a bot that owns its process (real child process)', () => {
  let discord: Emulator;
  let outDir: string;
  let botDir: string;
  let child: string;

  beforeAll(async () => {
    discord = await startEmulator({ heartbeatInterval: 60_000 });
    // Inside the package, so the bundle's bare imports resolve from its node_modules.
    outDir = await mkdtemp(join(here, '../../node_modules/.cache-fatal-child-'));
    await build({
      entry: { 'fatal-child': join(here, '../fixtures/fatal-child.fixture.ts') },
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
    child = join(outDir, 'fatal-child.js');
    botDir = await mkdtemp(join(tmpdir(), 'zoryx-fatal-'));
    await mkdir(join(botDir, 'extensions', 'faulty'), { recursive: true });
    await writeFile(join(botDir, 'extensions', 'faulty', 'index.ts'), FAULTY);
  }, 60_000);

  afterAll(async () => {
    await discord?.close();
    await rm(outDir, { recursive: true, force: true });
    await rm(botDir, { recursive: true, force: true });
  });

  it('survives an extension fault, then shuts down gracefully and exits 1 on a host bug', async () => {
    const proc = spawn(process.execPath, [child, botDir], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DISCORD_TOKEN: discord.token,
        ZORYX_DISCORD_API: discord.apiUrl,
      },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    const lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
    const context = `stdout:\n${stdout.slice(-3000)}\nstderr:\n${stderr.slice(-2000)}`;
    expect(code, context).toBe(1);

    const fault = lines.findIndex((l) => l.code === 'ZRX_EXTENSION_FAULT');
    expect(lines[fault]?.extension, context).toBe('faulty');
    expect(lines[fault]?.errorId).toMatch(/^[0-9A-Z]{8}$/);

    const fatal = lines.findIndex((l) => l.code === 'ZRX_UNCAUGHT_EXCEPTION');
    expect(fatal, context).toBeGreaterThan(fault);
    expect(lines[fatal]?.errorId).toMatch(/^[0-9A-Z]{8}$/);
    expect(lines[fatal]?.extension).toBeUndefined();
    // The graceful shutdown ran to its end: extensions unloaded, data flushed, client destroyed.
    const after = lines.slice(fatal).map((l) => l.msg);
    expect(after).toContain('shutting down');
    expect(after).toContain('shutdown complete');
  });
});
