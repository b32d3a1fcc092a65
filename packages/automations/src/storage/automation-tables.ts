import type { Migration } from '@zoryx/framework';

/** A saved rule: its validated body as JSON, its creator, its last error. */
export interface AutomationRuleRow {
  id: string;
  name: string;
  enabled: number;
  version: number;
  body: string;
  creator_id: string;
  created_at: number;
  updated_at: number;
  last_error: string | null;
}

/** A rule variable: `scope` is `guild` or `user:<id>`. */
export interface AutomationVariableRow {
  scope: string;
  name: string;
  value: string;
}

/** A per-member counter (`messages`, `xp`, `xp_at`). */
export interface AutomationCounterRow {
  name: string;
  user_id: string;
  value: number;
}

/** A channel the extension made and must clean up: a temp voice channel or a ticket. */
export interface AutomationChannelRow {
  channel_id: string;
  kind: string;
  rule_id: string;
  user_id: string;
  created_at: number;
}

declare module '@zoryx/framework' {
  interface GuildTables {
    automation_rules: AutomationRuleRow;
    automation_variables: AutomationVariableRow;
    automation_counters: AutomationCounterRow;
    automation_channels: AutomationChannelRow;
  }
}

/** The extension's guild-database migrations (run in name order, once per guild database). */
export const automationGuildMigrations: Record<string, Migration> = {
  '0001_automations': {
    async up(db) {
      await db.schema
        .createTable('automation_rules')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('creator_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createTable('automation_variables')
        .ifNotExists()
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('automation_variables_pk', ['scope', 'name'])
        .execute();
      await db.schema
        .createTable('automation_counters')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('value', 'real', (c) => c.notNull())
        .addPrimaryKeyConstraint('automation_counters_pk', ['name', 'user_id'])
        .execute();
      await db.schema
        .createTable('automation_channels')
        .ifNotExists()
        .addColumn('channel_id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db) {
      for (const table of [
        'automation_channels',
        'automation_counters',
        'automation_variables',
        'automation_rules',
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
};
