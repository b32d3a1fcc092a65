import type { Migration } from '@zoryx/framework';

/** The extension's main-database migrations (tables declared in `../vocabulary.ts`). */
export const backupMigrations: Record<string, Migration> = {
  '0001_backup_tables': {
    async up(db) {
      await db.schema
        .createTable('backup_snapshots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('guild_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('checksum', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('auto', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('backup_snapshots_guild')
        .on('backup_snapshots')
        .columns(['guild_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('backup_assets')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('backup_audit')
        .addColumn('seq', 'text', (c) => c.primaryKey())
        .addColumn('guild_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('backup_id', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('backup_audit_guild')
        .on('backup_audit')
        .columns(['guild_id', 'seq'])
        .execute();
      await db.schema
        .createTable('backup_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('guild_id', 'text', (c) => c.notNull())
        .addColumn('backup_id', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('cursor', 'integer', (c) => c.notNull())
        .addColumn('counters', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('backup_idmap')
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('old_id', 'text', (c) => c.notNull())
        .addColumn('new_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('backup_idmap_pk', ['job_id', 'old_id'])
        .execute();
      await db.schema
        .createTable('backup_creations')
        .addColumn('guild_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('backup_settings')
        .addColumn('guild_id', 'text', (c) => c.primaryKey())
        .addColumn('schedule_hours', 'integer')
        .addColumn('retention_days', 'integer')
        .addColumn('last_auto_at', 'text')
        .execute();
    },
    async down(db) {
      for (const table of [
        'backup_settings',
        'backup_creations',
        'backup_idmap',
        'backup_jobs',
        'backup_audit',
        'backup_assets',
        'backup_snapshots',
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
};
