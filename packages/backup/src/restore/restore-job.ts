import { randomUUID } from 'node:crypto';
import type { ExtensionContext } from '@zoryx/framework';
import { DiscordAPIError } from 'discord.js';
import { BackupError } from '../errors.js';
import type { Component, Snapshot } from '../snapshot/schema.js';
import type { BackupProgress, RestoreMode, RestoreSummary } from '../types.js';
import { differencesThroughMap } from './differences.js';
import { IdMap } from './id-map.js';
import { matchSnapshot } from './matching.js';
import type { Plan, Step } from './plan.js';
import { runStep, type StepContext } from './run-step.js';

type Main = ExtensionContext['db']['main'];

/** A job as persisted: its plan, how far it got, what it did. */
interface JobState {
  id: string;
  guildId: string;
  backupId: string;
  /** The guild the snapshot came from (another guild for a cross-guild restore). */
  sourceGuildId: string;
  mode: RestoreMode;
  components: Component[];
  steps: Step[];
  cursor: number;
  counters: Counters;
}

interface Counters {
  created: number;
  updated: number;
  deleted: number;
  failed: number;
  errors: string[];
  differences: string[];
}

/** What the job runner is built on (the extension wires it). */
export interface RestoreJobDeps {
  readonly db: Main;
  /** The snapshot and its images (checksum-verified). */
  load(
    sourceGuildId: string,
    backupId: string,
  ): Promise<{ snapshot: Snapshot; assets: StepContext['assets'] }>;
  /** A live capture of the guild (no images of emojis/stickers, no local data). */
  captureLive(guildId: string, members: boolean): Promise<Snapshot>;
  /** The position of the bot's highest role (roles at or above it are never moved). */
  botTop(guildId: string, live: Snapshot): number;
  /** The rest of a step's context. */
  stepContext: Pick<StepContext, 'client' | 'restoreFramework' | 'restoreExtension'>;
  /** Reports progress (the `backup_progress` hook, the progress message). */
  progress(event: BackupProgress): void;
  /** Records roles and channels created, for the 48 h budget. */
  recordCreation(guildId: string, kind: 'role' | 'channel'): Promise<void>;
  readonly logger: { warn(object: object, message: string): void };
}

const ACTIVE = 'running';

/**
 * Restore jobs, persisted in `backup_jobs` with their id map in `backup_idmap`: the cursor moves
 * and each new mapping is written in one transaction right after the step's Discord call, so a
 * killed process resumes at the first unconfirmed step. Resuming re-captures the guild and
 * adopts what the lost step created (matching by name), so no step creates twice.
 */
export class RestoreJobs {
  readonly #running = new Map<string, Promise<RestoreSummary>>();
  readonly #cancelled = new Set<string>();

  public constructor(private readonly deps: RestoreJobDeps) {}

  /** The unfinished job of a guild, if any. */
  public async active(guildId: string): Promise<string | undefined> {
    const row = await this.deps.db
      .selectFrom('backup_jobs')
      .select('id')
      .where('guild_id', '=', guildId)
      .where('status', '=', ACTIVE)
      .executeTakeFirst();
    return row?.id;
  }

  /** Persists a planned job and runs it; `ZRX_BACKUP_BUSY` if the guild has one. */
  public async start(input: {
    guildId: string;
    sourceGuildId: string;
    backupId: string;
    mode: RestoreMode;
    components: Component[];
    plan: Plan;
  }): Promise<RestoreSummary> {
    const id = randomUUID();
    const now = new Date().toISOString();
    const state = {
      sourceGuildId: input.sourceGuildId,
      components: input.components,
      steps: input.plan.steps,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      const busy = await trx
        .selectFrom('backup_jobs')
        .select('id')
        .where('guild_id', '=', input.guildId)
        .where('status', '=', ACTIVE)
        .executeTakeFirst();
      if (busy || this.#running.has(input.guildId)) {
        throw new BackupError(
          'ZRX_BACKUP_BUSY',
          `A restore is already running in guild ${input.guildId}.`,
        );
      }
      await trx
        .insertInto('backup_jobs')
        .values({
          id,
          guild_id: input.guildId,
          backup_id: input.backupId,
          mode: input.mode,
          status: ACTIVE,
          plan: JSON.stringify(state),
          cursor: 0,
          counters: JSON.stringify(emptyCounters()),
          created_at: now,
          updated_at: now,
        })
        .execute();
      const mappings = Object.entries(input.plan.ids.toRecord());
      for (let i = 0; i < mappings.length; i += 200) {
        await trx
          .insertInto('backup_idmap')
          .values(
            mappings.slice(i, i + 200).map(([old_id, new_id]) => ({ job_id: id, old_id, new_id })),
          )
          .execute();
      }
    });
    return this.#run(id, input.guildId);
  }

  /** Resumes every job a previous process left unfinished (called at setup). */
  public async resumeAll(): Promise<void> {
    const rows = await this.deps.db
      .selectFrom('backup_jobs')
      .select(['id', 'guild_id'])
      .where('status', '=', ACTIVE)
      .execute();
    for (const row of rows) {
      if (this.#running.has(row.guild_id)) continue;
      this.#run(row.id, row.guild_id).catch((error: unknown) =>
        this.deps.logger.warn({ err: error, job: row.id }, 'backup: a resumed restore failed'),
      );
    }
  }

  /** Waits for the guild's running job, if any. */
  public wait(guildId: string): Promise<RestoreSummary> | undefined {
    return this.#running.get(guildId);
  }

  /** Asks the guild's running job to stop after its current step. */
  public cancel(guildId: string): boolean {
    if (!this.#running.has(guildId)) return false;
    this.#cancelled.add(guildId);
    return true;
  }

  #run(jobId: string, guildId: string): Promise<RestoreSummary> {
    const running = this.#execute(jobId, guildId).finally(() => {
      this.#running.delete(guildId);
      this.#cancelled.delete(guildId);
    });
    this.#running.set(guildId, running);
    return running;
  }

  async #load(jobId: string): Promise<JobState> {
    const row = await this.deps.db
      .selectFrom('backup_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    const plan = JSON.parse(row.plan) as Pick<JobState, 'sourceGuildId' | 'components' | 'steps'>;
    return {
      id: row.id,
      guildId: row.guild_id,
      backupId: row.backup_id,
      mode: row.mode === 'mirror' ? 'mirror' : 'merge',
      cursor: Number(row.cursor),
      counters: JSON.parse(row.counters) as Counters,
      ...plan,
    };
  }

  async #execute(jobId: string, guildId: string): Promise<RestoreSummary> {
    const job = await this.#load(jobId);
    const { snapshot, assets } = await this.deps.load(job.sourceGuildId, job.backupId);
    const rows = await this.deps.db
      .selectFrom('backup_idmap')
      .select(['old_id', 'new_id'])
      .where('job_id', '=', jobId)
      .execute();
    const ids = new IdMap(rows.map((row) => [row.old_id, row.new_id] as const));
    const members = snapshot.components.includes('members');
    let live = await this.deps.captureLive(guildId, members);
    if (job.cursor > 0) {
      // Resuming: adopt what a step created before its checkpoint was written.
      const before = new Set(Object.keys(ids.toRecord()));
      matchSnapshot(snapshot, live, ids);
      const adopted = Object.entries(ids.toRecord()).filter(([old]) => !before.has(old));
      if (adopted.length > 0) {
        await this.deps.db
          .insertInto('backup_idmap')
          .values(adopted.map(([old_id, new_id]) => ({ job_id: jobId, old_id, new_id })))
          .onConflict((c) => c.doNothing())
          .execute();
      }
    }
    const pending: [string, string][] = [];
    const context: StepContext = {
      ...this.deps.stepContext,
      guildId,
      snapshot,
      assets,
      live,
      botTop: this.deps.botTop(guildId, live),
      ids,
      mapped: (oldId, newId) => {
        ids.set(oldId, newId);
        pending.push([oldId, newId]);
      },
    };
    const total = job.steps.length;
    for (let index = job.cursor; index < total; index += 1) {
      if (this.#cancelled.has(guildId)) {
        await this.#finish(job, 'cancelled');
        this.#emit(job, index, 'cancelled', 'cancelled');
        throw new BackupError(
          'ZRX_BACKUP_CANCELLED',
          `The restore of guild ${guildId} was cancelled at step ${index + 1}/${total}.`,
        );
      }
      const step = job.steps[index] as Step;
      try {
        const outcome = await runStep(step, context);
        if (outcome !== 'skipped') job.counters[outcome] += 1;
        if (
          outcome === 'created' &&
          (step.kind === 'role.create' || step.kind === 'channel.create')
        ) {
          await this.deps.recordCreation(guildId, step.kind === 'role.create' ? 'role' : 'channel');
        }
      } catch (error) {
        job.counters.failed += 1;
        const message =
          error instanceof DiscordAPIError ? `${error.code} ${error.message}` : String(error);
        if (job.counters.errors.length < 50) job.counters.errors.push(`${step.label}: ${message}`);
      }
      await this.#checkpoint(job, index + 1, pending.splice(0));
      this.#emit(job, index + 1, step.label, 'running');
    }
    live = await this.deps.captureLive(guildId, members);
    job.counters.differences = differencesThroughMap(snapshot, live, ids, new Set(job.components));
    await this.#finish(job, 'finished');
    this.#emit(job, total, 'verified', 'finished');
    const { created, updated, deleted, failed, differences } = job.counters;
    return { created, updated, deleted, failed, differences };
  }

  async #checkpoint(job: JobState, cursor: number, mappings: [string, string][]): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      if (mappings.length > 0) {
        await trx
          .insertInto('backup_idmap')
          .values(mappings.map(([old_id, new_id]) => ({ job_id: job.id, old_id, new_id })))
          .onConflict((c) => c.doNothing())
          .execute();
      }
      await trx
        .updateTable('backup_jobs')
        .set({
          cursor,
          counters: JSON.stringify(job.counters),
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', job.id)
        .execute();
    });
    job.cursor = cursor;
  }

  async #finish(job: JobState, status: 'finished' | 'cancelled'): Promise<void> {
    await this.deps.db
      .updateTable('backup_jobs')
      .set({ status, counters: JSON.stringify(job.counters), updated_at: new Date().toISOString() })
      .where('id', '=', job.id)
      .execute();
  }

  #emit(job: JobState, done: number, step: string, status: BackupProgress['status']): void {
    this.deps.progress({
      guildId: job.guildId,
      jobId: job.id,
      backupId: job.backupId,
      done,
      total: job.steps.length,
      step,
      status,
    });
  }
}

function emptyCounters(): Counters {
  return { created: 0, updated: 0, deleted: 0, failed: 0, errors: [], differences: [] };
}
