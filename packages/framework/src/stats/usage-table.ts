import type { Migration, ZoryxDatabase } from '@zoryx/db';
import type { PendingUsage } from './usage-batcher.js';

type MigrationDb = Parameters<Migration['up']>[0];

/** `command_stats`: how often each command ran, and when it last did (main database). */
export interface CommandStatsTable {
  name: string;
  count: number;
  /** Milliseconds since the Unix epoch of the most recent recorded use. */
  last_used: number;
}

declare module '@zoryx/db' {
  interface MainTables {
    command_stats: CommandStatsTable;
  }
}

/**
 * The framework's main-database migrations (owner `framework`). `ifNotExists`: data directories
 * from before the framework owned this table already have it, created by the data layer's owner
 * `zoryx`, with the counts in it.
 */
export const frameworkMainMigrations: Record<string, Migration> = {
  '0001_command_stats': {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('command_stats')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_used', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('command_stats').ifExists().execute();
    },
  },
};

/** Rows per upsert statement: far below every dialect's bound-parameter limit. */
const CHUNK = 300;

/** Adds a batch of uses to `command_stats` in one transaction (counts add up, latest use wins). */
export async function writeUsage(db: ZoryxDatabase, batch: readonly PendingUsage[]): Promise<void> {
  await db.main.transaction().execute(async (trx) => {
    for (let i = 0; i < batch.length; i += CHUNK) {
      const rows = batch
        .slice(i, i + CHUNK)
        .map((u) => ({ name: u.name, count: u.count, last_used: u.lastUsed }));
      await trx
        .insertInto('command_stats')
        .values(rows)
        .onConflict((oc) =>
          oc.column('name').doUpdateSet((eb) => ({
            count: eb('command_stats.count', '+', eb.ref('excluded.count')),
            // SQLite's two-argument max(): a late record from an older clock keeps the latest use.
            last_used: eb.fn<number>('max', ['command_stats.last_used', 'excluded.last_used']),
          })),
        )
        .execute();
    }
  });
}
