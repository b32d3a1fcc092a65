import type { Migration } from '@zoryx/db';
import type { JobTiming, JsonValue } from './job-spec.js';

type MigrationDb = Parameters<Migration['up']>[0];

/**
 * `framework_jobs` (main database): one row per live job. Times are milliseconds since the epoch
 * in `bigint` columns (a 32-bit `integer` overflows in PostgreSQL); `lease_*` is the claim of the
 * process running it, so processes sharing the database never run one job twice at once.
 */
export interface FrameworkJobsTable {
  /** `<extension>:<job id>`. */
  id: string;
  extension: string;
  handler: string;
  payload: string;
  timing: string;
  next_run_at: number | string | null;
  last_run_at: number | string | null;
  runs: number;
  max_runs: number | null;
  /** Failed attempts of the current run (one-shot jobs are retried with backoff). */
  attempts: number;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: number | string | null;
  created_at: number | string;
}

declare module '@zoryx/db' {
  interface MainTables {
    framework_jobs: FrameworkJobsTable;
  }
}

/** Creates `framework_jobs` (framework main migrations). */
export const jobsMigrations: Record<string, Migration> = {
  '0002_framework_jobs': {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('framework_jobs')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('extension', 'text', (c) => c.notNull())
        .addColumn('handler', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('timing', 'text', (c) => c.notNull())
        .addColumn('next_run_at', 'bigint')
        .addColumn('last_run_at', 'bigint')
        .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_runs', 'integer')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('framework_jobs_due')
        .ifNotExists()
        .on('framework_jobs')
        .columns(['next_run_at'])
        .execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('framework_jobs').ifExists().execute();
    },
  },
};

/** A job as `ctx.jobs.get/list` report it (ids without the extension prefix). */
export interface JobInfo {
  readonly id: string;
  readonly handler: string;
  readonly payload: JsonValue;
  /** When it runs next; `null` once a one-shot job gave up after its retries. */
  readonly nextRunAt: Date | null;
  readonly lastRunAt: Date | null;
  readonly runs: number;
  readonly maxRuns: number | null;
  readonly every?: number;
  readonly cron?: string;
  readonly timezone?: string;
  /** The last failure's message, until a run succeeds. */
  readonly lastError: string | null;
}

/** A number from a `bigint` column (PostgreSQL's driver returns those as strings). */
export function millis(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** The public view of a row. */
export function jobInfoOf(row: FrameworkJobsTable): JobInfo {
  const timing = JSON.parse(row.timing) as JobTiming;
  const next = millis(row.next_run_at);
  const last = millis(row.last_run_at);
  return {
    id: row.id.slice(row.extension.length + 1),
    handler: row.handler.slice(row.extension.length + 1),
    payload: JSON.parse(row.payload) as JsonValue,
    nextRunAt: next === null ? null : new Date(next),
    lastRunAt: last === null ? null : new Date(last),
    runs: row.runs,
    maxRuns: row.max_runs,
    ...(timing.kind === 'every' ? { every: timing.every } : {}),
    ...(timing.kind === 'cron' ? { cron: timing.cron, timezone: timing.timezone } : {}),
    lastError: row.last_error,
  };
}
