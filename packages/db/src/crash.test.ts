import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from './database.js';
import { tempDir } from './testing/temp-dir.js';

const here = dirname(fileURLToPath(import.meta.url));
// Inside the package's node_modules so the bundle's bare imports (kysely, better-sqlite3)
// resolve to this package's dependencies.
const outDir = join(here, '..', 'node_modules', '.cache', 'zoryx-db-test');
const childFile = join(outDir, `migration-child-${process.pid}.mjs`);

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(text)) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) early: ${err}`)));
  });
}

describe('a process killed in the middle of a migration', () => {
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    await build({
      entryPoints: [join(here, 'testing', 'migration-child.ts')],
      outfile: childFile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['kysely', 'better-sqlite3', 'pg'],
      logLevel: 'silent',
    });
    tmp = tempDir('crash');
  });
  afterAll(() => {
    tmp.cleanup();
    rmSync(childFile, { force: true });
  });

  it('leaves no trace of the killed migration and resumes there on the next start', async () => {
    const child = spawn(process.execPath, [childFile, tmp.dir], { stdio: 'pipe' });
    await waitFor(child, 'halfway');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // Uncommitted pages of the killed transaction may sit in the WAL; recovery must drop them.
    expect(existsSync(join(tmp.dir, 'main.db'))).toBe(true);

    const db = createDatabase({ dir: tmp.dir, backups: { onClose: false } });
    const tables = async () =>
      (
        await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
          db.main,
        )
      ).rows.map((r) => r.name);
    expect(await tables()).toContain('before_crash');
    expect(await tables()).not.toContain('crash_table');
    const { rows } = await sql<{ name: string }>`
      select name from zoryx_migrations where owner = 'crashy'`.execute(db.main);
    expect(rows.map((r) => r.name)).toEqual(['0001_ok']);
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.main);
    expect(check.rows).toEqual([{ integrity_check: 'ok' }]);

    await db.registerMigrations('crashy', 'main', {
      '0001_ok': { up: async () => {} },
      '0002_killed': {
        async up(trx) {
          await sql`create table crash_table (id integer primary key, body text)`.execute(trx);
        },
      },
    });
    expect(await tables()).toContain('crash_table');
    await db.close();
  }, 60_000);
});
