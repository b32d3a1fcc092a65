import type { Kysely, Migration } from 'kysely';

/** The owner name of the framework's own migrations. */
export const BUILTIN_OWNER = 'zoryx';

/** Tables of the main database: `global_stats` and `command_stats`. */
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
  '0002_command_stats': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('command_stats')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_used', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};

/** Tables of every guild database: `guild_settings`. */
export const guildMigrations: Record<string, Migration> = {
  '0001_guild_settings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('guild_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};
