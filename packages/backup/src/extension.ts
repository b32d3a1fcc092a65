import { defineExtension } from '@zoryx/framework';
import { createBackupApi } from './api.js';
import { registerService } from './commands/command-context.js';
import { backupCommands } from './commands/index.js';
import { backupConfigSchema } from './config.js';
import { BackupSchedules } from './schedules.js';
import { BackupService } from './service.js';
import { backupMigrations } from './storage/migrations.js';
import type { BackupApi } from './types.js';
import './vocabulary.js';

/**
 * The `backup` extension: versioned, checksummed guild snapshots; restore as a plan, then a
 * persisted job that resumes after a crash; verification afterwards. Enable it by listing
 * `@zoryx/backup` in `extensions.packages`.
 */
export default defineExtension({
  name: 'backup',
  version: '0.1.0',
  description: 'Backup and restore of guild configuration: plan, resumable restore, verify',
  config: backupConfigSchema,
  migrations: { main: backupMigrations },
  commands: backupCommands,
  setup(ctx): BackupApi {
    const service = new BackupService(ctx);
    registerService(ctx, service, new BackupSchedules(ctx, service));
    // Jobs a killed process left unfinished continue now (each step is idempotent).
    void service.jobs.resumeAll().catch((error: unknown) => {
      ctx.logger.warn({ err: error }, 'backup: could not resume unfinished restores');
    });
    return createBackupApi(service, () => ctx.client.user?.id ?? '0');
  },
});
