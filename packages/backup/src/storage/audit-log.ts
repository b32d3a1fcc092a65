import type { ExtensionContext } from '@zoryx/framework';

type Main = ExtensionContext['db']['main'];

/** Entries kept per guild (the newest; the original's cap). */
export const AUDIT_LIMIT = 200;

/** What the audit log records. */
export type AuditAction =
  | 'create'
  | 'delete'
  | 'restore'
  | 'pin'
  | 'unpin'
  | 'note'
  | 'label'
  | 'verify'
  | 'schedule'
  | 'export'
  | 'import'
  | 'cleanup';

/** One audit entry. */
export interface AuditEntry {
  at: string;
  action: AuditAction;
  userId: string;
  backupId: string | null;
  detail: string;
}

let sequence = 0;

/** The per-guild audit log of backup operations, capped at {@link AUDIT_LIMIT} entries. */
export class AuditLog {
  public constructor(private readonly db: Main) {}

  /** Records an entry and drops the oldest beyond the cap. */
  public async record(guildId: string, entry: Omit<AuditEntry, 'at'>): Promise<void> {
    const now = new Date();
    // Sortable and unique within the process: time, then a counter.
    const seq = `${now.getTime().toString().padStart(15, '0')}-${(sequence++).toString().padStart(6, '0')}`;
    await this.db
      .insertInto('backup_audit')
      .values({
        seq,
        guild_id: guildId,
        at: now.toISOString(),
        action: entry.action,
        user_id: entry.userId,
        backup_id: entry.backupId,
        detail: entry.detail,
      })
      .execute();
    const stale = await this.db
      .selectFrom('backup_audit')
      .select('seq')
      .where('guild_id', '=', guildId)
      .orderBy('seq', 'desc')
      .offset(AUDIT_LIMIT)
      .limit(1000)
      .execute();
    if (stale.length > 0) {
      await this.db
        .deleteFrom('backup_audit')
        .where(
          'seq',
          'in',
          stale.map((row) => row.seq),
        )
        .execute();
    }
  }

  /** The newest entries first. */
  public async list(guildId: string, limit = AUDIT_LIMIT): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('backup_audit')
      .selectAll()
      .where('guild_id', '=', guildId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      at: row.at,
      action: row.action as AuditAction,
      userId: row.user_id,
      backupId: row.backup_id,
      detail: row.detail,
    }));
  }
}
