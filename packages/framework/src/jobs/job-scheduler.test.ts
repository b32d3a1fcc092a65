import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type ZoryxDatabase } from '@zoryx/db';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type JobRun, JobScheduler } from './job-scheduler.js';
import { jobsMigrations } from './jobs-table.js';

const logger = pino({ level: 'silent' });

describe('JobScheduler (real SQLite)', () => {
  let dir: string;
  let db: ZoryxDatabase;
  const schedulers: JobScheduler[] = [];

  function scheduler(options: { now?: () => number; pollMs?: number; log?: pino.Logger } = {}) {
    const created = new JobScheduler({
      db,
      ready: () => db.registerMigrations('framework', 'main', jobsMigrations),
      logger: options.log ?? logger,
      pollMs: options.pollMs ?? 50,
      ...(options.now ? { now: options.now } : {}),
    });
    schedulers.push(created);
    return created;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zoryx-jobs-'));
    db = createDatabase({ dir, backups: { onClose: false } });
  });
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a repeating job with its payload until maxRuns, then deletes it', async () => {
    const jobs = scheduler();
    const runs: JobRun[] = [];
    jobs.handle('ext', 'tick', (job) => void runs.push(job));
    const info = await jobs.schedule('ext', {
      id: 'counter',
      handler: 'tick',
      every: 100,
      maxRuns: 3,
      payload: { guildId: '1' },
    });
    expect(info).toMatchObject({ id: 'counter', handler: 'tick', every: 100, runs: 0, maxRuns: 3 });
    jobs.start();
    await vi.waitFor(() => expect(runs).toHaveLength(3), { timeout: 5_000 });
    expect(runs.map((r) => r.runs)).toEqual([0, 1, 2]);
    expect(runs[0]?.payload).toEqual({ guildId: '1' });
    await vi.waitFor(async () => expect(await jobs.get('ext', 'counter')).toBeNull());
  });

  it('keeps one live job per id however often it is scheduled, across restarts', async () => {
    for (let boot = 0; boot < 3; boot += 1) {
      const jobs = scheduler();
      jobs.handle('backup', 'run', () => undefined);
      await jobs.schedule('backup', { id: 'guild-1', handler: 'run', cron: '0 */6 * * *' });
      await jobs.close();
    }
    const jobs = scheduler();
    expect(await jobs.list('backup')).toHaveLength(1);
    expect(await jobs.list('other')).toEqual([]);
  });

  it('runs a one-shot job that fell due while the bot was down once at start', async () => {
    const past = Date.now() - 60_000;
    const before = scheduler();
    before.handle('mod', 'unban', () => undefined);
    await before.schedule('mod', {
      id: 'unban-7',
      handler: 'unban',
      at: past,
      payload: { userId: '7' },
    });
    await before.close();
    const after = scheduler();
    const seen: JobRun[] = [];
    after.handle('mod', 'unban', (job) => void seen.push(job));
    after.start();
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 5_000 });
    expect(seen[0]?.scheduledFor.getTime()).toBe(past);
    await vi.waitFor(async () => expect(await after.get('mod', 'unban-7')).toBeNull());
  });

  it('never runs a job on two schedulers that share the database', async () => {
    const a = scheduler();
    const b = scheduler();
    const ran: string[] = [];
    a.handle('ext', 'once', () => void ran.push('a'));
    b.handle('ext', 'once', () => void ran.push('b'));
    for (let i = 0; i < 20; i += 1)
      await a.schedule('ext', { id: `job-${i}`, handler: 'once', at: Date.now() });
    a.start();
    b.start();
    await vi.waitFor(async () => expect(await a.list('ext')).toEqual([]), { timeout: 5_000 });
    expect(ran).toHaveLength(20);
  });

  it('retries a failing one-shot job, logs ZRX_JOB_FAILED, and keeps the error visible', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino(
      { level: 'error' },
      { write: (line: string) => void lines.push(JSON.parse(line)) },
    );
    const jobs = scheduler({ log });
    jobs.handle('ext', 'boom', () => {
      throw new Error('no such channel');
    });
    await jobs.schedule('ext', { id: 'fails', handler: 'boom', at: Date.now() });
    jobs.start();
    await vi.waitFor(async () =>
      expect((await jobs.get('ext', 'fails'))?.lastError).toBe('no such channel'),
    );
    const info = await jobs.get('ext', 'fails');
    expect(info?.nextRunAt?.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(lines[0]).toMatchObject({ code: 'ZRX_JOB_FAILED', extension: 'ext', job: 'fails' });
    expect(typeof lines[0]?.errorId).toBe('string');
  });

  it('refuses an unregistered handler, leaves jobs without a handler waiting, and cancels', async () => {
    const jobs = scheduler();
    await expect(
      jobs.schedule('ext', { id: 'x', handler: 'nope', every: 1_000 }),
    ).rejects.toMatchObject({
      code: 'ZRX_JOB_HANDLER_UNKNOWN',
    });
    const release = jobs.handle('ext', 'later', () => undefined);
    await jobs.schedule('ext', { id: 'waiting', handler: 'later', at: Date.now() });
    release();
    jobs.start();
    await new Promise((done) => setTimeout(done, 300));
    expect(await jobs.get('ext', 'waiting')).toMatchObject({ runs: 0, lastError: null });
    expect(await jobs.cancel('ext', 'waiting')).toBe(true);
    expect(await jobs.cancel('ext', 'waiting')).toBe(false);
  });
});
