import { BackupError } from './errors.js';
import type { BackupContext, BackupService } from './service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A guild's automatic backups and retention, as `/backupschedule status` shows them. */
export interface ScheduleStatus {
  hours: number | null;
  nextRunAt: Date | null;
  retentionDays: number | null;
}

/**
 * Automatic backups (every 1–168 h) and retention (delete unpinned backups older than N days)
 * through the framework's persistent jobs (`ctx.jobs`): one live job per guild however often
 * the bot restarts, a run missed while it was down fires once at start.
 */
export class BackupSchedules {
  public constructor(
    private readonly ctx: BackupContext,
    private readonly service: BackupService,
  ) {
    ctx.jobs.handle<{ guildId: string }>('auto-backup', async ({ payload }) => {
      const existing = await service.store.list(payload.guildId);
      // At the cap the original skipped the auto backup; so do we (retention frees room).
      if (existing.length >= ctx.config.maxPerGuild) return;
      await service.create(payload.guildId, {
        auto: true,
        actor: { userId: ctx.client.user?.id ?? '0' },
      });
    });
    ctx.jobs.handle<{ guildId: string; days: number }>('retention', async ({ payload }) => {
      await this.applyRetention(payload.guildId, payload.days);
    });
  }

  /** Backs the guild up every `hours` (1–168). */
  public async enable(guildId: string, hours: number, actorId: string): Promise<ScheduleStatus> {
    if (!Number.isInteger(hours) || hours < 1 || hours > 168) {
      throw new BackupError('ZRX_BACKUP_INPUT', `The schedule is 1–168 hours (got ${hours}).`);
    }
    await this.ctx.jobs.schedule({
      id: `auto-backup:${guildId}`,
      handler: 'auto-backup',
      every: hours * HOUR,
      payload: { guildId },
    });
    await this.service.audit.record(guildId, {
      action: 'schedule',
      userId: actorId,
      backupId: null,
      detail: `every ${hours} h`,
    });
    return this.status(guildId);
  }

  /** Stops automatic backups. */
  public async disable(guildId: string, actorId: string): Promise<boolean> {
    const cancelled = await this.ctx.jobs.cancel(`auto-backup:${guildId}`);
    await this.service.audit.record(guildId, {
      action: 'schedule',
      userId: actorId,
      backupId: null,
      detail: 'disabled',
    });
    return cancelled;
  }

  /** Deletes unpinned backups older than `days` daily (0 turns retention off). */
  public async retention(guildId: string, days: number, actorId: string): Promise<void> {
    if (!Number.isInteger(days) || days < 0 || days > 3650) {
      throw new BackupError('ZRX_BACKUP_INPUT', `Retention is 0–3650 days (got ${days}).`);
    }
    if (days === 0) await this.ctx.jobs.cancel(`retention:${guildId}`);
    else {
      await this.ctx.jobs.schedule({
        id: `retention:${guildId}`,
        handler: 'retention',
        every: DAY,
        payload: { guildId, days },
      });
    }
    await this.service.audit.record(guildId, {
      action: 'schedule',
      userId: actorId,
      backupId: null,
      detail: `retention ${days} days`,
    });
  }

  /** The guild's schedule. */
  public async status(guildId: string): Promise<ScheduleStatus> {
    const auto = await this.ctx.jobs.get(`auto-backup:${guildId}`);
    const retention = await this.ctx.jobs.get(`retention:${guildId}`);
    const payload = retention?.payload;
    const days =
      payload && typeof payload === 'object' && 'days' in payload ? Number(payload.days) : null;
    return {
      hours: auto?.every ? auto.every / HOUR : null,
      nextRunAt: auto?.nextRunAt ?? null,
      retentionDays: days,
    };
  }

  /** Deletes the guild's unpinned backups older than `days`; returns how many. */
  public async applyRetention(guildId: string, days: number): Promise<number> {
    const cutoff = Date.now() - days * DAY;
    let deleted = 0;
    for (const entry of await this.service.store.list(guildId)) {
      if (entry.pinned || Date.parse(entry.createdAt) >= cutoff) continue;
      await this.service.store.delete(guildId, entry.id);
      deleted += 1;
    }
    if (deleted > 0) {
      await this.service.audit.record(guildId, {
        action: 'cleanup',
        userId: this.ctx.client.user?.id ?? '0',
        backupId: null,
        detail: `${deleted} older than ${days} days`,
      });
    }
    return deleted;
  }
}
