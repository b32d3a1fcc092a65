import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/schema.js';
import { createLogger } from './create-logger.js';
import { pruneOldLogs } from './log-files.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 5, 1);
let base: string;
let logs: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'zoryx-logfiles-'));
  logs = join(base, 'logs');
  await mkdir(logs);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** Creates `name` in the log folder, last modified `days` days before `now`. */
async function file(name: string, days: number, content = `${name}\n`, now = NOW) {
  const path = join(logs, name);
  await writeFile(path, content);
  const at = new Date(now - days * DAY);
  await utimes(path, at, at);
}

describe('pruneOldLogs', () => {
  beforeEach(async () => {
    await file('zoryx.1.log', 40);
    await file('zoryx.2.log', 31);
    await file('zoryx.3.log', 29);
    await file('zoryx.4.log', 45); // highest number: pino-roll's active file
    await file('current-run.log', 40);
    await file('notes.txt', 40);
    await file('zoryx.log.bak', 40);
    await file('other.1.log', 40);
  });

  it('removes rotated files older than maxAgeDays, keeps the active one and every other file', async () => {
    const removed = pruneOldLogs(logs, { maxAgeDays: 30, now: NOW });
    expect(removed.sort()).toEqual(['zoryx.1.log', 'zoryx.2.log']);
    expect((await readdir(logs)).sort()).toEqual([
      'current-run.log',
      'notes.txt',
      'other.1.log',
      'zoryx.3.log',
      'zoryx.4.log',
      'zoryx.log.bak',
    ]);
  });

  it('is configurable: a shorter age, the active file before start-up, 0 keeps everything', async () => {
    expect(pruneOldLogs(logs, { maxAgeDays: 0, now: NOW })).toEqual([]);
    expect(pruneOldLogs(logs, { maxAgeDays: 10, now: NOW }).sort()).toEqual([
      'zoryx.1.log',
      'zoryx.2.log',
      'zoryx.3.log',
    ]);
    expect(pruneOldLogs(logs, { maxAgeDays: 10, now: NOW, keepActive: false })).toEqual([
      'zoryx.4.log',
    ]);
  });

  it('a missing folder is nothing to prune', () => {
    expect(pruneOldLogs(join(base, 'nope'), { maxAgeDays: 30 })).toEqual([]);
  });
});

describe('createLogger housekeeping', () => {
  const logging = { ...defaultConfig().logging, dir: 'logs', pretty: 'never' as const };

  it('removes old rotated files at start and keeps current-run.log to just this run', async () => {
    const now = Date.now();
    await file('zoryx.1.log', 40, '{"msg":"run long ago"}\n', now);
    await file('zoryx.2.log', 5, '{"msg":"last week"}\n', now);
    await file('current-run.log', 5, '{"msg":"previous run"}\n', now);
    const { logger, close, currentRunFile } = createLogger({ logging, cwd: base, console: false });
    expect(currentRunFile).toBe(join(logs, 'current-run.log'));
    logger.info('this run');
    await close();
    expect((await readdir(logs)).sort()).toEqual(['current-run.log', 'zoryx.2.log']);
    const currentRun = await readFile(join(logs, 'current-run.log'), 'utf8');
    expect(currentRun).not.toContain('previous run');
    expect(
      currentRun
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).msg),
    ).toEqual(['this run']);
    // The rotated file of the last run is continued, as pino-roll does.
    const rotated = await readFile(join(logs, 'zoryx.2.log'), 'utf8');
    expect(
      rotated
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).msg),
    ).toEqual(['last week', 'this run']);
  });

  it('maxAgeDays comes from the logging section; currentRun: false writes no current-run.log', async () => {
    const now = Date.now();
    await file('zoryx.1.log', 5, '{"msg":"last week"}\n', now);
    const { logger, close, currentRunFile } = createLogger({
      logging: { ...logging, maxAgeDays: 3, currentRun: false },
      cwd: base,
      console: false,
    });
    expect(currentRunFile).toBeUndefined();
    logger.info('fresh');
    await close();
    expect(await readdir(logs)).toEqual(['zoryx.1.log']);
    expect(await readFile(join(logs, 'zoryx.1.log'), 'utf8')).not.toContain('last week');
  });
});
