import type { Generated, Kysely, Migration as KyselyMigration } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  DbErrorCode,
  GuildSettings,
  GuildTables,
  MainTables,
  Migration,
  ZoryxDatabase,
} from './index.js';

// What an extension writes (with '@zoryx/db' as the module name) to add its tables.
declare module './index.js' {
  interface GuildTables {
    warnings: { id: Generated<number>; user_id: string; reason: string };
  }
  interface MainTables {
    reminders: { user_id: string; at: number };
  }
}

declare const db: ZoryxDatabase;

describe('declaration merging', () => {
  it('adds extension tables next to the built-in ones', () => {
    expectTypeOf<keyof GuildTables>().toEqualTypeOf<'guild_settings' | 'warnings'>();
    expectTypeOf<keyof MainTables>().toEqualTypeOf<
      'global_stats' | 'command_stats' | 'reminders'
    >();
  });

  it('types queries on merged tables', async () => {
    const guild = await db.guild('123456789012345678');
    expectTypeOf(guild).toEqualTypeOf<Kysely<GuildTables>>();
    const rows = await guild.selectFrom('warnings').select(['id', 'reason']).execute();
    expectTypeOf(rows).toEqualTypeOf<{ id: number; reason: string }[]>();
    const reminders = await db.main.selectFrom('reminders').selectAll().execute();
    expectTypeOf(reminders).toEqualTypeOf<{ user_id: string; at: number }[]>();
    // @ts-expect-error: the id is generated, inserting needs no id but a reason
    await guild.insertInto('warnings').values({ user_id: '1' }).execute();
    // @ts-expect-error: no such table
    guild.selectFrom('nope');
  });
});

describe('settings', () => {
  it('types each key and rejects unknown ones', async () => {
    const settings: GuildSettings = db.settings('123456789012345678');
    expectTypeOf(await settings.get('prefix')).toEqualTypeOf<string>();
    expectTypeOf(await settings.get('mentionPrefix')).toEqualTypeOf<boolean>();
    expectTypeOf(await settings.get('locale')).toEqualTypeOf<string | null>();
    // @ts-expect-error: unknown key
    await settings.get('colour');
    // @ts-expect-error: wrong value type
    await settings.set('prefix', true);
    // @ts-expect-error: wrong value type
    await settings.set('mentionPrefix', 'yes');
  });
});

describe('contract', () => {
  it('re-exports kysely Migration and stable codes', () => {
    expectTypeOf<Migration>().toEqualTypeOf<KyselyMigration>();
    expectTypeOf<'ZRX_DB_GUILD_ID'>().toExtend<DbErrorCode>();
    expectTypeOf(db.registerMigrations).parameter(1).toEqualTypeOf<'main' | 'guild'>();
    expectTypeOf(db.backup).returns.toEqualTypeOf<Promise<string[]>>();
    expectTypeOf(db.commandStats).returns.toEqualTypeOf<
      Promise<{ name: string; count: number; lastUsed: Date }[]>
    >();
  });
});
