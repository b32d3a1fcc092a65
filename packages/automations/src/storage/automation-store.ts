import type { ExtensionContext } from '@zoryx/framework';
import type { AutomationChannelRow, AutomationRuleRow } from './automation-tables.js';

/** The bot's databases as `ctx.db` gives them. */
export type Databases = ExtensionContext['db'];

/** Reads and writes the extension's guild tables (rules, variables, counters, channels). */
export class AutomationStore {
  private readonly db: Databases;

  public constructor(db: Databases) {
    this.db = db;
  }

  /** Every saved rule of a guild, oldest first. */
  public async rules(guildId: string): Promise<AutomationRuleRow[]> {
    const db = await this.db.guild(guildId);
    return db
      .selectFrom('automation_rules')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  public async insertRule(guildId: string, row: AutomationRuleRow): Promise<void> {
    const db = await this.db.guild(guildId);
    await db.insertInto('automation_rules').values(row).execute();
  }

  public async updateRule(
    guildId: string,
    id: string,
    patch: Partial<
      Pick<AutomationRuleRow, 'name' | 'enabled' | 'body' | 'last_error' | 'updated_at'>
    >,
  ): Promise<void> {
    const db = await this.db.guild(guildId);
    await db.updateTable('automation_rules').set(patch).where('id', '=', id).execute();
  }

  /** Records who answers for a rule (an edit makes the editor its creator). */
  public async setCreator(guildId: string, id: string, creatorId: string): Promise<void> {
    const db = await this.db.guild(guildId);
    await db
      .updateTable('automation_rules')
      .set({ creator_id: creatorId })
      .where('id', '=', id)
      .execute();
  }

  /** Deletes a rule; true when it existed. */
  public async deleteRule(guildId: string, id: string): Promise<boolean> {
    const db = await this.db.guild(guildId);
    const result = await db.deleteFrom('automation_rules').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The guild's variables and the user's (`guild:<name>`, `user:<id>:<name>`). */
  public async variables(
    guildId: string,
    userId: string | undefined,
  ): Promise<Map<string, string>> {
    const db = await this.db.guild(guildId);
    const scopes = userId ? ['guild', `user:${userId}`] : ['guild'];
    const rows = await db
      .selectFrom('automation_variables')
      .selectAll()
      .where('scope', 'in', scopes)
      .execute();
    return new Map(rows.map((row) => [`${row.scope}:${row.name}`, row.value]));
  }

  public async setVariable(
    guildId: string,
    scope: string,
    name: string,
    value: string,
  ): Promise<void> {
    const db = await this.db.guild(guildId);
    await db
      .insertInto('automation_variables')
      .values({ scope, name, value })
      .onConflict((oc) => oc.columns(['scope', 'name']).doUpdateSet({ value }))
      .execute();
  }

  public async counter(guildId: string, name: string, userId: string): Promise<number> {
    const db = await this.db.guild(guildId);
    const row = await db
      .selectFrom('automation_counters')
      .select('value')
      .where('name', '=', name)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.value ?? 0;
  }

  /** Adds `by` to a counter (created at 0) and returns the new value. */
  public async addCounter(
    guildId: string,
    name: string,
    userId: string,
    by: number,
  ): Promise<number> {
    const db = await this.db.guild(guildId);
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('automation_counters')
        .select('value')
        .where('name', '=', name)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const value = (row?.value ?? 0) + by;
      await trx
        .insertInto('automation_counters')
        .values({ name, user_id: userId, value })
        .onConflict((oc) => oc.columns(['name', 'user_id']).doUpdateSet({ value }))
        .execute();
      return value;
    });
  }

  public async setCounter(
    guildId: string,
    name: string,
    userId: string,
    value: number,
  ): Promise<void> {
    const db = await this.db.guild(guildId);
    await db
      .insertInto('automation_counters')
      .values({ name, user_id: userId, value })
      .onConflict((oc) => oc.columns(['name', 'user_id']).doUpdateSet({ value }))
      .execute();
  }

  public async channels(guildId: string, kind: string): Promise<AutomationChannelRow[]> {
    const db = await this.db.guild(guildId);
    return db.selectFrom('automation_channels').selectAll().where('kind', '=', kind).execute();
  }

  public async channel(
    guildId: string,
    channelId: string,
  ): Promise<AutomationChannelRow | undefined> {
    const db = await this.db.guild(guildId);
    return db
      .selectFrom('automation_channels')
      .selectAll()
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
  }

  public async addChannel(guildId: string, row: AutomationChannelRow): Promise<void> {
    const db = await this.db.guild(guildId);
    await db.insertInto('automation_channels').values(row).execute();
  }

  public async removeChannel(guildId: string, channelId: string): Promise<void> {
    const db = await this.db.guild(guildId);
    await db.deleteFrom('automation_channels').where('channel_id', '=', channelId).execute();
  }
}
