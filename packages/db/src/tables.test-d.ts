import type { Generated, Kysely, Migration as KyselyMigration } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CorruptGuildReport,
  DbErrorCode,
  DbStats,
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

type Has<T, K extends string> = K extends keyof T ? true : false;

describe('declaration merging', () => {
  it('adds extension tables; the data layer declares no framework tables', () => {
    expectTypeOf<Has<GuildTables, 'warnings'>>().toEqualTypeOf<true>();
    expectTypeOf<Has<MainTables, 'reminders'>>().toEqualTypeOf<true>();
    expectTypeOf<Has<MainTables, 'global_stats'>>().toEqualTypeOf<true>();
    // The framework declares these from its own package; they are not part of @zoryx/db.
    expectTypeOf<Has<GuildTables, 'guild_settings'>>().toEqualTypeOf<false>();
    expectTypeOf<Has<MainTables, 'command_stats'>>().toEqualTypeOf<false>();
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

describe('contract', () => {
  it('re-exports kysely Migration and stable codes', () => {
    expectTypeOf<Migration>().toEqualTypeOf<KyselyMigration>();
    expectTypeOf<'ZRX_DB_GUILD_ID'>().toExtend<DbErrorCode>();
    expectTypeOf(db.registerMigrations).parameter(1).toEqualTypeOf<'main' | 'guild'>();
    expectTypeOf(db.backup).returns.toEqualTypeOf<Promise<string[]>>();
    expectTypeOf(db.onGuildReset)
      .parameter(0)
      .parameters.toEqualTypeOf<[guildId: string, reason: 'restore' | 'remove' | 'recover']>();
    expectTypeOf(db.onCorrupt).parameter(0).parameter(0).toEqualTypeOf<CorruptGuildReport>();
  });

  it('keeps settings and command usage out of the data layer', () => {
    expectTypeOf<Has<ZoryxDatabase, 'settings'>>().toEqualTypeOf<false>();
    expectTypeOf<Has<ZoryxDatabase, 'recordCommandUsage'>>().toEqualTypeOf<false>();
    expectTypeOf<Has<ZoryxDatabase, 'commandStats'>>().toEqualTypeOf<false>();
    expectTypeOf<Has<DbStats, 'settingsCache'>>().toEqualTypeOf<false>();
    // @ts-expect-error: the settings error code moved to the framework
    expectTypeOf<'ZRX_DB_SETTING'>().toExtend<DbErrorCode>();
  });
});
