import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockDataFolder, type StoreError } from '../src/index.js';
import { tempRoot } from './temp-root.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let outDir: string;
let childScript: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'zoryx-lock-child-'));
  await build({
    entry: { 'lock-child': path.join(here, 'lock-child.ts') },
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
  childScript = path.join(outDir, 'lock-child.js');
}, 60_000);

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** A child process running test/lock-child.ts on `dir`, with a line reader. */
function start(dir: string) {
  const proc = spawn(process.execPath, [childScript, dir], { stdio: 'pipe' });
  children.push(proc);
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let buffered = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      lines.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
    for (const wake of waiters.splice(0)) wake();
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => proc.on('close', resolve));
  /** The next line, read in order. */
  let read = 0;
  const next = async (): Promise<string> => {
    while (read >= lines.length) {
      const closed = await Promise.race([
        new Promise<false>((resolve) => waiters.push(() => resolve(false))),
        exited.then(() => true),
      ]);
      if (closed && read >= lines.length) throw new Error(`child ended: ${stderr}`);
    }
    return lines[read++] as string;
  };
  const send = (command: string) => proc.stdin.write(`${command}\n`);
  return { proc, next, send, exited, pid: proc.pid as number };
}

async function lockFile(dir: string) {
  return JSON.parse(await readFile(path.join(dir, '.zoryx.lock'), 'utf8')) as {
    pid: number;
    hostname: string;
    since: string;
  };
}

describe('lockDataFolder across processes', () => {
  it('a second process is refused naming the holder; it gets the lock once the holder releases', async () => {
    const dir = await tempRoot();
    const holder = start(dir);
    expect(await holder.next()).toBe('ready');
    holder.send('go');
    expect(await holder.next()).toBe(`won ${holder.pid}`);
    const error = (await lockDataFolder(dir).catch((e) => e)) as StoreError;
    expect(error.code).toBe('ZRX_STORE_LOCKED');
    expect(error.holder).toEqual({
      pid: holder.pid,
      hostname: hostname(),
      since: (await lockFile(dir)).since,
    });
    expect(error.message).toContain(`process ${holder.pid} on ${hostname()}`);
    holder.send('release');
    expect(await holder.next()).toBe('released');
    const lock = await lockDataFolder(dir);
    expect((await lockFile(dir)).pid).toBe(process.pid);
    await lock.release();
  });

  it('a holder that exits without releasing leaves no lock behind (exit handler)', async () => {
    const dir = await tempRoot();
    const holder = start(dir);
    expect(await holder.next()).toBe('ready');
    holder.send('go');
    expect(await holder.next()).toBe(`won ${holder.pid}`);
    holder.send('exit');
    expect(await holder.exited).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('kill -9 of the holder: its lock stays, and the next process takes it over', async () => {
    const dir = await tempRoot();
    const holder = start(dir);
    expect(await holder.next()).toBe('ready');
    holder.send('go');
    expect(await holder.next()).toBe(`won ${holder.pid}`);
    holder.proc.kill('SIGKILL');
    await holder.exited;
    expect((await lockFile(dir)).pid).toBe(holder.pid); // stale, not removed
    const next = start(dir);
    expect(await next.next()).toBe('ready');
    next.send('go');
    expect(await next.next()).toBe(`won ${next.pid}`);
    expect((await lockFile(dir)).pid).toBe(next.pid);
  });

  it.each([
    ['a stale lock of a SIGKILLed holder', true],
    ['a free folder', false],
  ])(
    'processes racing for %s: exactly one wins, every round',
    async (_, stale) => {
      for (let round = 0; round < 3; round++) {
        const dir = await tempRoot();
        let deadPid: number | undefined;
        if (stale) {
          const holder = start(dir);
          expect(await holder.next()).toBe('ready');
          holder.send('go');
          expect(await holder.next()).toMatch(/^won /);
          holder.proc.kill('SIGKILL');
          await holder.exited;
          deadPid = holder.pid;
        }
        const racers = Array.from({ length: 6 }, () => start(dir));
        for (const racer of racers) expect(await racer.next()).toBe('ready');
        for (const racer of racers) racer.send('go'); // all at once
        const results = await Promise.all(racers.map((racer) => racer.next()));
        const winners = racers.filter((_, i) => results[i] === `won ${racers[i]?.pid}`);
        expect(winners, results.join(', ')).toHaveLength(1);
        const winner = winners[0]?.pid;
        for (const [i, result] of results.entries()) {
          if (racers[i]?.pid !== winner) expect(result).toBe(`lost ZRX_STORE_LOCKED ${winner}`);
        }
        const record = await lockFile(dir);
        expect(record.pid).toBe(winner);
        expect(record.pid).not.toBe(deadPid);
        // No takeover claim or candidate file is left next to the lock.
        expect(await readdir(dir)).toEqual(['.zoryx.lock']);
        for (const racer of racers) racer.proc.kill('SIGKILL');
        await Promise.all(racers.map((racer) => racer.exited));
      }
    },
    60_000,
  );
});
