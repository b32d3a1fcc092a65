import type { Generated, Migration } from '@zoryx/framework';

/** `dashboard_sessions`: one row per login; the cookie holds the id, this table only its hash. */
export interface DashboardSessionsTable {
  id_hash: string;
  user_id: string;
  user_name: string;
  /** `link` or `oauth`. */
  method: string;
  /** The double-submit CSRF token of this session. */
  csrf: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  ip: string;
  user_agent: string;
  /** The Discord OAuth2 access token (kept server-side, never sent to the browser). */
  oauth_token: string | null;
}

/** `dashboard_audit`: append-only; each row carries the hash of the previous one. */
export interface DashboardAuditTable {
  seq: Generated<number>;
  at: number;
  user_id: string;
  role: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  ip: string;
  user_agent: string;
  result: string;
  request_id: string;
  prev_hash: string;
  hash: string;
}

declare module '@zoryx/framework' {
  interface MainTables {
    dashboard_sessions: DashboardSessionsTable;
    dashboard_audit: DashboardAuditTable;
  }
}

type MigrationDb = Parameters<Migration['up']>[0];

/** The dashboard's main-database migrations. */
export const dashboardMigrations: Record<string, Migration> = {
  '0001_sessions': {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('dashboard_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('csrf', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .addColumn('last_seen_at', 'integer', (c) => c.notNull())
        .addColumn('revoked_at', 'integer')
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('user_agent', 'text', (c) => c.notNull())
        .addColumn('oauth_token', 'text')
        .execute();
      await db.schema
        .createIndex('dashboard_sessions_user')
        .on('dashboard_sessions')
        .column('user_id')
        .execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('dashboard_sessions').ifExists().execute();
    },
  },
  '0002_audit': {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('dashboard_audit')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'integer', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('user_agent', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('dashboard_audit').ifExists().execute();
    },
  },
};
