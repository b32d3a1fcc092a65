// The README's example, run as written (with a temporary data directory), so it cannot rot.
import { afterAll, expect, it } from 'vitest';
import { createDatabase } from './index.js';
import { tempDir } from './testing/temp-dir.js';

const tmp = tempDir('readme');
afterAll(() => tmp.cleanup());

it('runs the README example', async () => {
  const db = createDatabase({ dir: tmp.dir, maxOpenGuilds: 64 });

  await db.registerMigrations('moderation', 'guild', {
    '0001_warnings': {
      async up(trx) {
        await trx.schema
          .createTable('warnings')
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('at', 'integer', (c) => c.notNull())
          .execute();
      },
    },
  });

  const guildId = '123456789012345678';
  const guild = await db.guild(guildId);
  // The README declares `warnings` by declaration merging (tables.test-d.ts checks that part).
  await guild
    .insertInto('warnings' as never)
    .values({ user_id: '42', reason: 'spam', at: Date.now() } as never)
    .execute();

  await db.main
    .insertInto('global_stats')
    .values({ key: 'warnings_issued', value: '1', updated_at: Date.now() })
    .execute();
  const issued = await db.main
    .selectFrom('global_stats')
    .select('value')
    .where('key', '=', 'warnings_issued')
    .executeTakeFirst();
  expect(issued?.value).toBe('1');

  const [backup] = await db.backup(guildId);
  expect(backup).toMatch(/backups[/\\]guilds[/\\]123456789012345678[/\\]\d{8}T\d{9}Z\.db$/);
  await db.close();
  // close() backed up main and, since it was used, the guild once more.
  expect(db.listBackups()).toHaveLength(1);
  expect(db.listBackups(guildId)).toHaveLength(2);
});
