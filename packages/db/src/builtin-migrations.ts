import type { Kysely, Migration } from 'kysely';

/** The owner name of the data layer's own migrations. */
export const BUILTIN_OWNER = 'zoryx';

/**
 * Tables of the main database: `global_stats`. (Data directories written before the framework
 * took over its tables also hold this owner's `0002_command_stats` record; the framework's own
 * migration finds the table there and keeps its rows.)
 */
export const mainMigrations: Record<string, Migration> = {
  '0001_global_stats': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('global_stats')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};
