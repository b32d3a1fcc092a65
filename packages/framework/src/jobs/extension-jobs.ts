import type { JobHandler, JobScheduler } from './job-scheduler.js';
import type { JobSpec, JsonValue } from './job-spec.js';
import type { JobInfo } from './jobs-table.js';

/**
 * `ctx.jobs`: timers and schedules that survive restarts. A job is data (a row in the main
 * database: id, handler name, payload, timing); a handler is code the extension registers in
 * `setup`. Scheduling an id that exists replaces it, so a `setup` that schedules on every start
 * still leaves one live job. Ids and handler names are the extension's own (prefixed with its
 * name in storage). For timers that should die with the extension, use `ctx.schedule`.
 *
 * @example
 * ```ts
 * setup(ctx) {
 *   ctx.jobs.handle<{ guildId: string }>('remind', async ({ payload }) => {
 *     await ctx.client.channels.fetch(...);
 *   });
 *   await ctx.jobs.schedule({ id: 'weekly-report', handler: 'remind', cron: '0 9 * * 1', payload: { guildId } });
 * }
 * ```
 */
export interface ExtensionJobs {
  /** Registers a handler (released on unload; jobs of an unloaded extension wait, they are kept). */
  handle<Payload extends JsonValue = JsonValue>(name: string, run: JobHandler<Payload>): void;
  /**
   * Creates or replaces a job: exactly one of `at` (once), `every` (ms) or `cron`. Throws
   * `ZRX_JOB_INVALID` naming the field, `ZRX_JOB_HANDLER_UNKNOWN` for an unregistered handler.
   */
  schedule(spec: JobSpec): Promise<JobInfo>;
  /** Deletes a job; false when there was none. */
  cancel(id: string): Promise<boolean>;
  /** One job, or null. */
  get(id: string): Promise<JobInfo | null>;
  /** Every job of this extension. */
  list(): Promise<JobInfo[]>;
}

/** The `ctx.jobs` of one extension: `onDispose` receives the handler releases. */
export function createExtensionJobs(
  scheduler: JobScheduler,
  extension: string,
  onDispose: (release: () => void) => void,
): ExtensionJobs {
  return {
    handle(name, run) {
      onDispose(scheduler.handle(extension, name, run as JobHandler));
    },
    schedule: (spec) => scheduler.schedule(extension, spec),
    cancel: (id) => scheduler.cancel(extension, id),
    get: (id) => scheduler.get(extension, id),
    list: () => scheduler.list(extension),
  };
}
