import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ZoryxDatabase } from '@zoryx/db';
import { type ActivitySink, outsideExtension, runAsExtension } from '@zoryx/loader';
import type { Logger } from 'pino';
import { FrameworkError } from '../errors.js';
import { createErrorId } from '../logging/error-id.js';
import { firstRun, type JobSpec, type JsonValue, nextRunAfter, timingOf } from './job-spec.js';
import { type FrameworkJobsTable, type JobInfo, jobInfoOf, millis } from './jobs-table.js';

/** What a handler receives on each run. */
export interface JobRun<Payload = JsonValue> {
  /** The job's id (without the extension prefix). */
  readonly id: string;
  readonly payload: Payload;
  /** Runs before this one (0 on the first). */
  readonly runs: number;
  /** When this run was due (earlier than now when the bot was down at that time). */
  readonly scheduledFor: Date;
}

/** A handler: what runs a job. */
export type JobHandler<Payload = JsonValue> = (job: JobRun<Payload>) => unknown;

/** What {@link JobScheduler} is built on. */
export interface JobSchedulerOptions {
  readonly db: ZoryxDatabase;
  /** Resolves once `framework_jobs` exists (the framework's main migrations). */
  readonly ready: () => Promise<void>;
  readonly logger: Logger;
  /** Told which extension runs (the supervisor's watchdog names it). */
  readonly activity?: ActivitySink | undefined;
  readonly now?: () => number;
  /** How often the table is read for jobs another process scheduled. Default 30 s. */
  readonly pollMs?: number;
  /** How long a claim holds before another process may take the job over. Default 10 min. */
  readonly leaseMs?: number;
}

/** Failed one-shot jobs are retried after 30 s, 1 min, 2 min, 4 min; then kept, not run. */
const RETRY_BASE_MS = 30_000;
const MAX_ATTEMPTS = 5;
/** Due jobs taken per read. */
const BATCH = 100;

/**
 * Persistent jobs for every extension (`ctx.jobs`): rows in `framework_jobs`, one per id, run by
 * handlers the extensions register while loaded. Before a run the job is claimed with a lease
 * (a conditional update), so processes sharing one database never run it twice; a run whose
 * process died is taken over when the lease ends (at least once, never twice at the same time).
 * One timer, armed for the earliest due job, and a poll for jobs scheduled elsewhere.
 */
export class JobScheduler {
  readonly #options: JobSchedulerOptions;
  readonly #now: () => number;
  readonly #owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #handlers = new Map<string, { extension: string; run: JobHandler }>();
  readonly #running = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #closed = false;
  #ticking: Promise<void> | undefined;
  #again = false;

  public constructor(options: JobSchedulerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Registers the handler `name` of `extension`; the returned function removes it. */
  public handle(extension: string, name: string, run: JobHandler): () => void {
    const key = `${extension}:${name}`;
    const entry = { extension, run };
    this.#handlers.set(key, entry);
    this.wake();
    return () => {
      if (this.#handlers.get(key) === entry) this.#handlers.delete(key);
    };
  }

  /** Creates or replaces the job `spec.id` of `extension`. */
  public async schedule(extension: string, spec: JobSpec): Promise<JobInfo> {
    const timing = timingOf(spec);
    const handler = `${extension}:${spec.handler}`;
    if (!this.#handlers.has(handler))
      throw new FrameworkError(
        'ZRX_JOB_HANDLER_UNKNOWN',
        `job "${spec.id}" of extension "${extension}" names handler "${spec.handler}", which it has not registered`,
      );
    await this.#options.ready();
    const now = this.#now();
    const row: FrameworkJobsTable = {
      id: `${extension}:${spec.id}`,
      extension,
      handler,
      payload: JSON.stringify(spec.payload ?? null),
      timing: JSON.stringify(timing),
      next_run_at: firstRun(timing, now),
      last_run_at: null,
      runs: 0,
      max_runs: spec.maxRuns ?? null,
      attempts: 0,
      last_error: null,
      lease_owner: null,
      lease_until: null,
      created_at: now,
    };
    // Replacing a job resets it; a run in progress finishes but cannot write over the new row.
    await this.#options.db.main
      .insertInto('framework_jobs')
      .values(row)
      .onConflict((c) =>
        c.column('id').doUpdateSet({
          handler: row.handler,
          payload: row.payload,
          timing: row.timing,
          next_run_at: row.next_run_at,
          runs: 0,
          max_runs: row.max_runs,
          attempts: 0,
          last_error: null,
          lease_owner: null,
          lease_until: null,
        }),
      )
      .execute();
    this.wake();
    return jobInfoOf(row);
  }

  /** Deletes a job; false when there was none. */
  public async cancel(extension: string, id: string): Promise<boolean> {
    await this.#options.ready();
    const result = await this.#options.db.main
      .deleteFrom('framework_jobs')
      .where('id', '=', `${extension}:${id}`)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** One job of `extension`, or null. */
  public async get(extension: string, id: string): Promise<JobInfo | null> {
    await this.#options.ready();
    const row = await this.#options.db.main
      .selectFrom('framework_jobs')
      .selectAll()
      .where('id', '=', `${extension}:${id}`)
      .executeTakeFirst();
    return row ? jobInfoOf(row) : null;
  }

  /** Every job of `extension`, by id. */
  public async list(extension: string): Promise<JobInfo[]> {
    await this.#options.ready();
    const rows = await this.#options.db.main
      .selectFrom('framework_jobs')
      .selectAll()
      .where('extension', '=', extension)
      .orderBy('id')
      .execute();
    return rows.map(jobInfoOf);
  }

  /** Starts running due jobs (at ready: handlers talk to Discord). */
  public start(): void {
    if (this.#closed) return;
    this.#started = true;
    this.wake();
  }

  /** Reads the table soon (a job or handler changed). */
  public wake(): void {
    if (!this.#started || this.#closed) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#arm(0);
  }

  /** Stops the timer and waits for runs in progress (they are not cut short). */
  public async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#ticking;
    await Promise.allSettled([...this.#running]);
  }

  #arm(delay: number): void {
    clearTimeout(this.#timer);
    if (this.#closed) return;
    const poll = this.#options.pollMs ?? 30_000;
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, Math.min(delay, poll)));
    this.#timer.unref();
  }

  #tick(): void {
    // The bot's own bookkeeping: not attributed to whichever extension woke it.
    this.#ticking = outsideExtension(() => this.#runDue())
      .catch((error: unknown) => {
        this.#options.logger.warn({ err: error }, 'reading due jobs failed; retrying');
        return this.#options.pollMs ?? 30_000;
      })
      .then((delay) => {
        this.#ticking = undefined;
        this.#arm(this.#again ? 0 : delay);
        this.#again = false;
      });
  }

  /** Claims and starts every due job with a handler here; returns the delay to the next one. */
  async #runDue(): Promise<number> {
    const handlers = [...this.#handlers.keys()];
    if (handlers.length === 0) return Number.POSITIVE_INFINITY;
    await this.#options.ready();
    const { db } = this.#options;
    const now = this.#now();
    const due = await db.main
      .selectFrom('framework_jobs')
      .selectAll()
      .where('handler', 'in', handlers)
      .where('next_run_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('next_run_at')
      .limit(BATCH)
      .execute();
    for (const row of due) {
      if (this.#closed) break;
      if (await this.#claim(row, now)) this.#track(this.#run(row));
    }
    if (due.length === BATCH) return 0;
    const next = await db.main
      .selectFrom('framework_jobs')
      .select((eb) => eb.fn.min('next_run_at').as('next'))
      .where('handler', 'in', handlers)
      .where('lease_owner', 'is', null)
      .executeTakeFirst();
    const at = millis((next?.next as number | string | null | undefined) ?? null);
    return at === null ? Number.POSITIVE_INFINITY : at - this.#now();
  }

  async #claim(row: FrameworkJobsTable, now: number): Promise<boolean> {
    const result = await this.#options.db.main
      .updateTable('framework_jobs')
      .set({ lease_owner: this.#owner, lease_until: now + (this.#options.leaseMs ?? 600_000) })
      .where('id', '=', row.id)
      .where('next_run_at', '=', row.next_run_at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  #track(run: Promise<void>): void {
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  async #run(row: FrameworkJobsTable): Promise<void> {
    const entry = this.#handlers.get(row.handler);
    if (!entry) return this.#release(row);
    const id = row.id.slice(row.extension.length + 1);
    const scheduledFor = new Date(millis(row.next_run_at) ?? this.#now());
    const job: JobRun = {
      id,
      payload: JSON.parse(row.payload) as JsonValue,
      runs: row.runs,
      scheduledFor,
    };
    let failure: unknown;
    try {
      await runAsExtension(entry.extension, async () => entry.run(job), this.#options.activity);
    } catch (error) {
      failure = error;
      const errorId = createErrorId();
      this.#options.logger.error(
        { err: error, errorId, extension: entry.extension, job: id, code: 'ZRX_JOB_FAILED' },
        `job "${id}" of extension "${entry.extension}" failed (error id ${errorId})`,
      );
    }
    await this.#finish(row, failure).catch((error: unknown) =>
      this.#options.logger.warn({ err: error, job: row.id }, 'recording a job run failed'),
    );
  }

  /** Records a run: the next time, or deletion once it is done; only while we hold the lease. */
  async #finish(row: FrameworkJobsTable, failure: unknown): Promise<void> {
    const { db } = this.#options;
    const now = this.#now();
    const timing = JSON.parse(row.timing) as Parameters<typeof nextRunAfter>[0];
    const mine = db.main
      .updateTable('framework_jobs')
      .where('id', '=', row.id)
      .where('lease_owner', '=', this.#owner);
    if (failure !== undefined && timing.kind === 'at') {
      const attempts = row.attempts + 1;
      await mine
        .set({
          attempts,
          last_error: String((failure as Error)?.message ?? failure).slice(0, 500),
          next_run_at: attempts < MAX_ATTEMPTS ? now + RETRY_BASE_MS * 2 ** (attempts - 1) : null,
          lease_owner: null,
          lease_until: null,
        })
        .execute();
      return;
    }
    const runs = row.runs + 1;
    const next = nextRunAfter(timing, now);
    if (next === null || (row.max_runs !== null && runs >= row.max_runs)) {
      await db.main
        .deleteFrom('framework_jobs')
        .where('id', '=', row.id)
        .where('lease_owner', '=', this.#owner)
        .execute();
      return;
    }
    await mine
      .set({
        runs,
        attempts: 0,
        last_run_at: now,
        next_run_at: next,
        last_error:
          failure === undefined
            ? null
            : String((failure as Error)?.message ?? failure).slice(0, 500),
        lease_owner: null,
        lease_until: null,
      })
      .execute();
  }

  async #release(row: FrameworkJobsTable): Promise<void> {
    await this.#options.db.main
      .updateTable('framework_jobs')
      .set({ lease_owner: null, lease_until: null })
      .where('id', '=', row.id)
      .where('lease_owner', '=', this.#owner)
      .execute();
  }
}
