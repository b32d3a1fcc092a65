// What @zoryx/backup adds to the one module extensions augment: its API, its hook events and
// its tables in the bot's main database (backups must outlive the guild's own database, which
// the data layer removes when the bot leaves the guild).
import type { BackupApi, BackupHookPayload, BackupProgress } from './types.js';

/** `backup_snapshots`: one row per backup; `body` is the canonical JSON of the snapshot. */
export interface BackupSnapshotsTable {
  id: string;
  guild_id: string;
  label: string;
  created_at: string;
  author_id: string;
  checksum: string;
  size_bytes: number;
  pinned: number;
  notes: string;
  auto: number;
  version: number;
  body: string;
}

/** `backup_assets`: images by the SHA-256 of their bytes, stored once for every backup. */
export interface BackupAssetsTable {
  hash: string;
  content_type: string;
  data: string;
}

/** `backup_audit`: what was done to a guild's backups (the newest 200 are kept). */
export interface BackupAuditTable {
  seq: string;
  guild_id: string;
  at: string;
  action: string;
  user_id: string;
  backup_id: string | null;
  detail: string;
}

/** `backup_jobs`: restore jobs, checkpointed after every step so a restart resumes them. */
export interface BackupJobsTable {
  id: string;
  guild_id: string;
  backup_id: string;
  mode: string;
  status: string;
  plan: string;
  cursor: number;
  counters: string;
  created_at: string;
  updated_at: string;
}

/** `backup_idmap`: old id → new id per job (roles, channels, emojis, stickers). */
export interface BackupIdMapTable {
  job_id: string;
  old_id: string;
  new_id: string;
}

/** `backup_creations`: roles and channels restores created, for Discord's 48 h budget. */
export interface BackupCreationsTable {
  guild_id: string;
  kind: string;
  at: number;
}

/** `backup_settings`: per-guild schedule and retention. */
export interface BackupSettingsTable {
  guild_id: string;
  schedule_hours: number | null;
  retention_days: number | null;
  last_auto_at: string | null;
}

declare module '@zoryx/framework' {
  interface ExtensionApis {
    backup: BackupApi;
  }
  interface HookEvents {
    backup: BackupHookPayload;
    backup_progress: BackupProgress;
  }
  interface MainTables {
    backup_snapshots: BackupSnapshotsTable;
    backup_assets: BackupAssetsTable;
    backup_audit: BackupAuditTable;
    backup_jobs: BackupJobsTable;
    backup_idmap: BackupIdMapTable;
    backup_creations: BackupCreationsTable;
    backup_settings: BackupSettingsTable;
  }
}
