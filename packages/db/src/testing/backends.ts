import pg from 'pg';
import { createDatabase } from '../database.js';
import { DbError } from '../errors.js';
import type { ZoryxDatabase } from '../zoryx-database.js';
import { tempDir } from './temp-dir.js';

/** One backend the contract suite runs on: how to open a database, and how to clean up. */
export interface BackendFixture {
  readonly name: 'sqlite' | 'postgres';
  /** Opens a database over the fixture's storage; every call sees the same data. */
  open(options?: { now?: () => number }): ZoryxDatabase;
  /** A directory for backups and other files. */
  readonly dir: string;
  /** Drops the storage (the PostgreSQL test database, the temporary directory). */
  cleanup(): Promise<void>;
}

/**
 * The PostgreSQL URL tests run against (`ZORYX_TEST_DATABASE_URL`, from `scripts/services.sh`),
 * or the reason it is missing. With `CI` set a missing URL is a failure, not a skip.
 */
export function postgresTestUrl(): string | undefined {
  const url = process.env.ZORYX_TEST_DATABASE_URL;
  if (url === undefined || url === '') {
    if (process.env.CI) {
      throw new DbError(
        'ZRX_DB_OPEN',
        'ZORYX_TEST_DATABASE_URL is not set but CI is.',
        'Start the services first: eval "$(bash scripts/services.sh start)".',
      );
    }
    return undefined;
  }
  return url;
}

/**
 * Creates a fresh database on the server of `url` (one per test file, so files run in
 * parallel without seeing each other's schemas) and returns its URL and a dropper.
 */
export async function freshPostgresDatabase(
  url: string,
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `zoryx_${label.replace(/[^a-z0-9]/g, '_')}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The fixtures available here: SQLite always, PostgreSQL when its URL is set. */
export async function backendFixtures(label: string): Promise<BackendFixture[]> {
  const fixtures: BackendFixture[] = [];
  const sqliteDir = tempDir(label);
  fixtures.push({
    name: 'sqlite',
    dir: sqliteDir.dir,
    open: (options) =>
      createDatabase({ dir: sqliteDir.dir, backups: { onClose: false }, ...options }),
    cleanup: async () => sqliteDir.cleanup(),
  });
  const url = postgresTestUrl();
  if (url !== undefined) {
    const database = await freshPostgresDatabase(url, label);
    const pgDir = tempDir(`${label}-pg`);
    fixtures.push({
      name: 'postgres',
      dir: pgDir.dir,
      open: (options) =>
        createDatabase({
          dialect: 'postgres',
          connectionString: database.url,
          dir: pgDir.dir,
          poolSize: 4,
          ...options,
        }),
      cleanup: async () => {
        await database.drop();
        pgDir.cleanup();
      },
    });
  }
  return fixtures;
}
