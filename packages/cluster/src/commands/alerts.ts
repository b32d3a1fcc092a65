import type { ExtensionContext, Migration } from '@zoryx/framework';
import './vocabulary.js';

/** The bot's main database, as an extension sees it. */
type MainDb = ExtensionContext['db']['main'];

/** The extension's main-database migration: the alert settings row. */
export const alertMigrations: Record<string, Migration> = {
  '0001_cluster_alerts': {
    async up(db) {
      await db.schema
        .createTable('cluster_alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel_id', 'text')
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_alert_at', 'integer')
        .execute();
    },
  },
};

/** Where shard alerts go and whether they are on. */
export interface AlertSettings {
  channelId: string | null;
  enabled: boolean;
  /** Epoch ms of the last alert posted, or null. */
  lastAlertAt: number | null;
}

const ROW = 'bot';

/**
 * The bot's alert settings in its main database: one row, shared by every process of the bot
 * (workers of a cluster share PostgreSQL), so `shardalerts` on one worker holds for all.
 */
export class AlertStore {
  readonly #db: MainDb;

  public constructor(db: MainDb) {
    this.#db = db;
  }

  /** The settings (alerts off, no channel, when never set). */
  public async get(): Promise<AlertSettings> {
    const row = await this.#db
      .selectFrom('cluster_alerts')
      .selectAll()
      .where('id', '=', ROW)
      .executeTakeFirst();
    return {
      channelId: row?.channel_id ?? null,
      enabled: row?.enabled === 1,
      lastAlertAt: row?.last_alert_at ?? null,
    };
  }

  /** Changes the channel and/or the switch. */
  public async set(change: { channelId?: string; enabled?: boolean }): Promise<AlertSettings> {
    const current = await this.get();
    const channelId = change.channelId ?? current.channelId;
    const enabled = change.enabled ?? current.enabled;
    const values = { channel_id: channelId, enabled: enabled ? 1 : 0 };
    const update = () =>
      this.#db.updateTable('cluster_alerts').set(values).where('id', '=', ROW).executeTakeFirst();
    if (Number((await update()).numUpdatedRows) === 0) {
      // First write; another process may insert the row at the same moment, then update it.
      await this.#db
        .insertInto('cluster_alerts')
        .values({ id: ROW, ...values, last_alert_at: null })
        .execute()
        .catch(update);
    }
    return { ...current, channelId, enabled };
  }

  /**
   * Claims the right to post an alert now: true for exactly one caller per `everyMs` window, how
   * many processes ever ask (a conditional update of the last alert time, atomic in SQLite and
   * PostgreSQL alike). This is the original's global 300 s damping, kept across restarts.
   */
  public async claim(now: number, everyMs: number): Promise<boolean> {
    // Two conditional updates, each atomic: the first alert ever, or one after the window.
    const first = await this.#db
      .updateTable('cluster_alerts')
      .set({ last_alert_at: now })
      .where('id', '=', ROW)
      .where('last_alert_at', 'is', null)
      .executeTakeFirst();
    if (Number(first.numUpdatedRows) === 1) return true;
    const result = await this.#db
      .updateTable('cluster_alerts')
      .set({ last_alert_at: now })
      .where('id', '=', ROW)
      .where('last_alert_at', '<=', now - everyMs)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
