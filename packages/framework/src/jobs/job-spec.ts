import { Cron } from 'croner';
import { FrameworkError } from '../errors.js';

/** A value that survives `JSON.stringify` → `JSON.parse` unchanged: what a job's payload may hold. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** The shortest `every` accepted: shorter would make the database the bot's busiest user. */
export const MIN_EVERY_MS = 100;

/**
 * What `ctx.jobs.schedule` takes: an id (one live job per id: scheduling the same id again
 * replaces it), the handler that runs it, and exactly one of `at`, `every` or `cron`.
 */
export interface JobSpec {
  /** Unique within the extension; scheduling an existing id replaces that job. */
  readonly id: string;
  /** A handler name registered with `ctx.jobs.handle` by the same extension. */
  readonly handler: string;
  /** Handed to the handler on every run; stored as JSON. */
  readonly payload?: JsonValue;
  /** One run at this time (a `Date` or milliseconds since the epoch). */
  readonly at?: Date | number;
  /** A run every this many milliseconds (the first one `every` from now). */
  readonly every?: number;
  /** A cron pattern: 5 fields, or 6 with seconds first (`'0 3 * * *'` = daily at 03:00). */
  readonly cron?: string;
  /** The IANA time zone `cron` is read in (default UTC, whatever the machine's zone). */
  readonly timezone?: string;
  /** Stop (and delete the job) after this many runs. */
  readonly maxRuns?: number;
}

/** How a job repeats, normalised from a {@link JobSpec}. */
export type JobTiming =
  | { readonly kind: 'at'; readonly at: number }
  | { readonly kind: 'every'; readonly every: number }
  | { readonly kind: 'cron'; readonly cron: string; readonly timezone: string };

const ID = /^[\w.:-]{1,200}$/;

function invalid(id: string, problem: string): FrameworkError {
  return new FrameworkError('ZRX_JOB_INVALID', `job "${id}": ${problem}`);
}

/** Checks a spec and returns its timing; throws `ZRX_JOB_INVALID` naming the field. */
export function timingOf(spec: JobSpec): JobTiming {
  const id = typeof spec.id === 'string' ? spec.id : String(spec.id);
  if (!ID.test(id)) throw invalid(id, 'id must be 1–200 letters, digits, _ . : or -');
  if (typeof spec.handler !== 'string' || !ID.test(spec.handler))
    throw invalid(id, 'handler must be a registered handler name');
  const given = (['at', 'every', 'cron'] as const).filter((key) => spec[key] !== undefined);
  if (given.length !== 1)
    throw invalid(id, `give exactly one of at, every or cron (got ${given.join(', ') || 'none'})`);
  if (spec.maxRuns !== undefined && !(Number.isInteger(spec.maxRuns) && spec.maxRuns >= 1))
    throw invalid(id, 'maxRuns must be a whole number ≥ 1');
  if (spec.payload !== undefined) assertJson(id, spec.payload);
  if (spec.at !== undefined) {
    const at = spec.at instanceof Date ? spec.at.getTime() : spec.at;
    if (typeof at !== 'number' || !Number.isFinite(at))
      throw invalid(id, 'at must be a valid date');
    return { kind: 'at', at };
  }
  if (spec.every !== undefined) {
    if (!(Number.isFinite(spec.every) && spec.every >= MIN_EVERY_MS))
      throw invalid(id, `every must be a number of milliseconds ≥ ${MIN_EVERY_MS}`);
    return { kind: 'every', every: Math.round(spec.every) };
  }
  const cron = String(spec.cron);
  const timezone = spec.timezone ?? 'UTC';
  try {
    // nextRun reads the time zone: an unknown one only fails there.
    new Cron(cron, { timezone, paused: true }).nextRun();
  } catch (error) {
    throw invalid(id, `cron "${cron}" (${timezone}) is not valid: ${(error as Error).message}`);
  }
  return { kind: 'cron', cron, timezone };
}

function assertJson(id: string, payload: JsonValue): void {
  let text: string | undefined;
  try {
    text = JSON.stringify(payload);
  } catch (error) {
    throw invalid(id, `payload is not JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw invalid(id, 'payload is not JSON');
  if (text.length > 64 * 1024) throw invalid(id, 'payload is over 64 KiB of JSON');
}

/**
 * When a job runs next, after a run (or its creation) at `from`; `null` when it never runs again.
 * A schedule that fell behind (the bot was down) runs once, then continues from now: no backlog.
 */
export function nextRunAfter(timing: JobTiming, from: number): number | null {
  switch (timing.kind) {
    case 'at':
      return null;
    case 'every':
      return from + timing.every;
    case 'cron': {
      const next = new Cron(timing.cron, { timezone: timing.timezone, paused: true }).nextRun(
        new Date(from),
      );
      return next ? next.getTime() : null;
    }
  }
}

/** The first run of a new job scheduled at `now`. */
export function firstRun(timing: JobTiming, now: number): number | null {
  return timing.kind === 'at' ? timing.at : nextRunAfter(timing, now);
}
