import type { Migration, ZoryxDatabase } from '@zoryx/db';
import { guildSettingsMigrations } from '../settings/settings-table.js';

type MigrationDb = Parameters<Migration['up']>[0];

/** `zoryx_command_roles`: roles a guild allowed to run a command (framework table). */
export interface CommandRolesTable {
  command: string;
  role_id: string;
}

declare module '@zoryx/db' {
  interface GuildTables {
    zoryx_command_roles: CommandRolesTable;
  }
}

/** The framework's guild migrations (owner `framework`): command roles and guild settings. */
export const frameworkGuildMigrations: Record<string, Migration> = {
  '0001_command_roles': {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('zoryx_command_roles')
        .ifNotExists()
        .addColumn('command', 'text', (c) => c.notNull())
        .addColumn('role_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('zoryx_command_roles_pk', ['command', 'role_id'])
        .execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('zoryx_command_roles').ifExists().execute();
    },
  },
  ...guildSettingsMigrations,
};

/**
 * Per-guild, per-command role grants kept in each guild's database (the Python original kept one
 * global list in config.json, which let any guild owner lock commands in every other guild).
 * Reads are cached per guild and invalidated on every change.
 */
export class CommandRoles {
  private readonly cache = new Map<string, Map<string, string[]>>();

  public constructor(private readonly db: ZoryxDatabase) {}

  /** Roles allowed to run `command` in `guildId` (empty = not configured). */
  public async rolesFor(guildId: string, command: string): Promise<readonly string[]> {
    let byCommand = this.cache.get(guildId);
    if (!byCommand) {
      const rows = await (await this.db.guild(guildId))
        .selectFrom('zoryx_command_roles')
        .select(['command', 'role_id'])
        .execute();
      byCommand = new Map();
      for (const row of rows) {
        const list = byCommand.get(row.command) ?? [];
        list.push(row.role_id);
        byCommand.set(row.command, list);
      }
      this.cache.set(guildId, byCommand);
    }
    return byCommand.get(command) ?? [];
  }

  /** Lets members with `roleId` run `command` in `guildId`. */
  public async allow(guildId: string, command: string, roleId: string): Promise<void> {
    await (await this.db.guild(guildId))
      .insertInto('zoryx_command_roles')
      .values({ command, role_id: roleId })
      .onConflict((c) => c.doNothing())
      .execute();
    this.cache.delete(guildId);
  }

  /** Removes one role (or, without `roleId`, every role) from `command` in `guildId`. */
  public async revoke(guildId: string, command: string, roleId?: string): Promise<void> {
    let query = (await this.db.guild(guildId))
      .deleteFrom('zoryx_command_roles')
      .where('command', '=', command);
    if (roleId !== undefined) query = query.where('role_id', '=', roleId);
    await query.execute();
    this.cache.delete(guildId);
  }

  /** Drops the cached grants of a guild (e.g. when the bot leaves it). */
  public forget(guildId: string): void {
    this.cache.delete(guildId);
  }
}
