import { z } from 'zod';

/** The extension's config (`config.json` → `extensions.config.backup`), with the original's limits. */
export const backupConfigSchema = z.object({
  /** Backups kept per guild, pinned ones included. */
  maxPerGuild: z.number().int().min(1).max(500).default(25),
  /** Seconds between manual creates in one guild (bot owners are exempt). */
  cooldownSeconds: z.number().int().min(0).default(300),
  /** Discord's creation budget per guild: roles and channels per window. */
  budget: z
    .object({
      roles: z.number().int().min(0).default(250),
      channels: z.number().int().min(0).default(500),
      windowHours: z.number().positive().default(48),
    })
    .prefault({}),
  /** Capture member roles and nicknames by default (personal data: off). */
  captureMembers: z.boolean().default(false),
  /** How often the progress message is edited, in seconds (each edit is a Discord call). */
  progressEditSeconds: z.number().min(1).default(5),
});

/** The validated config. */
export type BackupConfig = z.infer<typeof backupConfigSchema>;
