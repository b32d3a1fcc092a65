import type { ExtensionContext } from '@zoryx/framework';
import { BackupError } from '../errors.js';
import type { BackupSchedules } from '../schedules.js';
import type { BackupService } from '../service.js';

// The commands reach the service of the extension that owns them through its client: one
// service per running bot (tests run several bots in one process, each with its own client).
const services = new WeakMap<object, { service: BackupService; schedules: BackupSchedules }>();

/** Registers a bot's service and schedules (at setup). */
export function registerService(
  ctx: ExtensionContext<unknown>,
  service: BackupService,
  schedules: BackupSchedules,
): void {
  services.set(ctx.client, { service, schedules });
}

/** The schedules of the bot a command runs in. */
export function schedulesOf(ctx: ExtensionContext): BackupSchedules {
  const entry = services.get(ctx.client);
  if (!entry)
    throw new BackupError('ZRX_BACKUP_GUILD', 'The backup extension is not set up in this bot.');
  return entry.schedules;
}

/** The service of the bot a command runs in. */
export function serviceOf(ctx: ExtensionContext): BackupService {
  const entry = services.get(ctx.client);
  if (!entry)
    throw new BackupError('ZRX_BACKUP_GUILD', 'The backup extension is not set up in this bot.');
  return entry.service;
}

/** A guild command's guild id (the commands are guild-only, so this is always set). */
export function guildIdOf(interaction: { guildId: string | null }): string {
  if (!interaction.guildId)
    throw new BackupError('ZRX_BACKUP_GUILD', 'Backup commands run in a guild.');
  return interaction.guildId;
}

/** How a backup is named in replies. */
export function describeBackup(entry: {
  id: string;
  label: string;
  createdAt: string;
  pinned: boolean;
}): string {
  return `\`${entry.id}\` ${entry.pinned ? '📌 ' : ''}**${entry.label}** — <t:${Math.floor(Date.parse(entry.createdAt) / 1000)}:R>`;
}

/** The message of an error a command shows (coded errors with their hint). */
export function explain(error: unknown): string {
  if (error instanceof BackupError) return `${error.message}\n*${error.hint}*`;
  if (error && typeof error === 'object' && 'code' in error && 'hint' in error) {
    return `${String((error as { message?: unknown }).message)}\n*${String(error.hint)}*`;
  }
  throw error;
}
