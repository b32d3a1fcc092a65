import type { Component, JsonValue } from './snapshot/schema.js';

/** How a restore treats what the live guild has and the snapshot lacks. */
export type RestoreMode = 'merge' | 'mirror';

/** Options of {@link BackupApi.plan} and {@link BackupApi.restore}. */
export interface RestoreOptions {
  /** `merge` (default): create and update, delete nothing. `mirror`: also delete what the snapshot lacks. */
  mode?: RestoreMode;
  /** Restore only these components (default: every component the snapshot holds). */
  components?: string[];
}

/** What {@link BackupApi.plan} answers. */
export interface PlanSummary {
  /** Steps the restore would run (each one Discord call, or a local write). */
  steps: number;
  /** Discord API calls the restore needs at least. */
  apiCalls: number;
  /** What cannot be restored, and why (managed roles, roles above the bot's highest…). */
  cannotRestore: string[];
}

/** What {@link BackupApi.restore} resolves with once the job finished and verified. */
export interface RestoreSummary {
  created: number;
  updated: number;
  deleted: number;
  failed: number;
  /** What still differs from the snapshot after verification (empty when the guild matches). */
  differences: string[];
}

/** A backup as {@link BackupApi.list} lists it. */
export interface BackupListEntry {
  id: string;
  label: string;
  createdAt: string;
  pinned: boolean;
}

/**
 * The public API of the `backup` extension, from `bot.extensions.get('backup')` or
 * `ctx.extensions.get('backup')`.
 */
export interface BackupApi {
  /** Captures the guild and stores a snapshot; resolves with its id and full SHA-256. */
  create(guildId: string, opts?: { label?: string }): Promise<{ id: string; checksum: string }>;
  /** The guild's backups, newest first. */
  list(guildId: string): Promise<BackupListEntry[]>;
  /** Re-reads the stored snapshot and its images and checks them against their checksums. */
  verify(guildId: string, id: string): Promise<{ ok: boolean }>;
  /** Compares the snapshot with the live guild: every step, the API calls, what cannot be restored. */
  plan(guildId: string, id: string, opts?: RestoreOptions): Promise<PlanSummary>;
  /** Runs the plan as a persisted, resumable job; resolves once it finished and verified. */
  restore(guildId: string, id: string, opts?: RestoreOptions): Promise<RestoreSummary>;
  /** Differences between a backup and another backup, or the live guild (`'live'`). */
  diff(
    guildId: string,
    id: string,
    other: string | 'live',
  ): Promise<{ added: string[]; removed: string[]; changed: string[] }>;
}

/**
 * The `backup` hook: extensions keep their per-guild data in backups by answering it. On
 * `export`, return `{ data }` (any JSON); on `import`, store `data` (ids in it are already
 * rewritten through the id map; `ids` has the map for anything else).
 *
 * @example
 * ```ts
 * ctx.hooks.on('backup', async (payload) => {
 *   if (payload.action === 'export') return { data: await readMyRows(payload.guildId) };
 *   if (payload.extension === ctx.name) await writeMyRows(payload.guildId, payload.data);
 * });
 * ```
 */
export type BackupHookPayload =
  | { action: 'export'; guildId: string }
  | {
      action: 'import';
      guildId: string;
      /** The extension whose data this is (answer only your own). */
      extension: string;
      data: JsonValue;
      /** Old id → new id of every role, channel, emoji and sticker the restore mapped. */
      ids: Record<string, string>;
    };

/** Progress of a restore job, emitted as the `backup_progress` hook event after each step. */
export interface BackupProgress {
  guildId: string;
  jobId: string;
  backupId: string;
  done: number;
  total: number;
  /** The step just finished, e.g. `role.create Moderators`. */
  step: string;
  status: 'running' | 'finished' | 'failed' | 'cancelled';
}

export type { Component, JsonValue };
