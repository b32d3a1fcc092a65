import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restore } from './bot-folder.js';
import { openSession } from './engine-context.js';
import { withRollBack } from './rollback.js';

// The rollback every writing operation (add, update, remove) runs through, on a real bot folder;
// the package manager's part of putting back is covered by the e2e suite against a registry.
let dir: string;
const config = '{"prefix":"?","data":{"dir":"state"},"extensions":{"dir":"ext","packages":[]}}';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-rollback-test-'));
  await writeFile(join(dir, 'package.json'), '{ "name": "bot", "dependencies": {} }');
  await writeFile(join(dir, 'config.json'), config);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function auditSteps(): Promise<string[]> {
  const lines = await readFile(join(dir, 'state', 'marketplace', 'audit.jsonl'), 'utf8');
  return lines
    .trim()
    .split('\n')
    .map((line) => {
      const entry: { operation: string; step: string; ok: boolean } = JSON.parse(line);
      return `${entry.operation}:${entry.step}:${entry.ok}`;
    });
}

describe('withRollBack', () => {
  it('returns what the work returns and leaves its writes in place', async () => {
    const session = await openSession({ cwd: dir, env: {} });
    const result = await withRollBack(
      session,
      'add',
      'pkg',
      async () => {
        await writeFile(session.folder.configFile, '{}');
        return 42;
      },
      restore,
    );
    expect(result).toBe(42);
    expect(await readFile(session.folder.configFile, 'utf8')).toBe('{}');
  });

  it('logs the failure, undoes from the snapshot taken before the work, and throws on', async () => {
    const session = await openSession({ cwd: dir, env: {} });
    const failure = new Error('registry went away');
    let undone = 0;
    await expect(
      withRollBack(
        session,
        'update',
        'pkg',
        async () => {
          await writeFile(session.folder.configFile, '{"broken":true}');
          await writeFile(session.folder.lockFile, 'half a lockfile');
          throw failure;
        },
        async (taken) => {
          undone += 1;
          await restore(taken);
        },
      ),
    ).rejects.toBe(failure);
    expect(undone).toBe(1);
    expect(await readFile(session.folder.configFile, 'utf8')).toBe(config);
    await expect(readFile(session.folder.lockFile)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await auditSteps()).toEqual(['update:failed:false']);
  });
});
