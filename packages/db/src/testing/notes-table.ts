import type { Migration } from 'kysely';
import type { ZoryxDatabase } from '../zoryx-database.js';

/**
 * `test_notes`: a key/value guild table that exists only in this package's tests. The data
 * layer owns no guild table itself, so tests that need rows in guild databases declare and
 * migrate one the way every layer above does.
 */
export interface TestNotesTable {
  key: string;
  value: string;
}

declare module '../tables.js' {
  interface GuildTables {
    test_notes: TestNotesTable;
  }
}

/** The owner the tests register `test_notes` under. */
export const NOTES_OWNER = 'db-tests';

/** Creates `test_notes` in every guild database. */
export const notesMigrations: Record<string, Migration> = {
  '0001_test_notes': {
    async up(db) {
      await db.schema
        .createTable('test_notes')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

/** Registers `test_notes` on `db` (each database instance needs it once). */
export function useNotes(db: ZoryxDatabase): Promise<void> {
  return db.registerMigrations(NOTES_OWNER, 'guild', notesMigrations);
}

/** Stores `value` under `key` in the guild's `test_notes`. */
export async function writeNote(
  db: ZoryxDatabase,
  guildId: string,
  key: string,
  value: string,
): Promise<void> {
  await (await db.guild(guildId))
    .insertInto('test_notes')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The value under `key` in the guild's `test_notes`, or undefined. */
export async function readNote(
  db: ZoryxDatabase,
  guildId: string,
  key: string,
): Promise<string | undefined> {
  const row = await (await db.guild(guildId))
    .selectFrom('test_notes')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}
