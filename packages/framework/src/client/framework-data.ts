import type { Migration, ZoryxDatabase } from '@zoryx/db';
import { jobsMigrations } from '../jobs/jobs-table.js';
import { frameworkGuildMigrations } from '../permissions/command-roles.js';
import { type GuildSettings, GuildSettingsService } from '../settings/guild-settings.js';
import type { GuildSettingValues } from '../settings/setting-schema.js';
import type { SettingsCacheStats } from '../settings/settings-cache.js';
import { type CommandStat, CommandUsage } from '../stats/command-usage.js';
import { frameworkMainMigrations as usageMigrations } from '../stats/usage-table.js';

/** The framework's main-database migrations: command usage and persistent jobs. */
const frameworkMainMigrations: Record<string, Migration> = {
  ...usageMigrations,
  ...jobsMigrations,
};

/** The migration owner of the framework's own tables. */
export const FRAMEWORK_OWNER = 'framework';

/** Counters of the framework's own data, from `bot.dataStats()`. */
export interface FrameworkDataStats {
  /** The guild settings cache. */
  settingsCache: SettingsCacheStats;
  /** Command uses recorded and not yet written to `command_stats`. */
  pendingUsageRecords: number;
}

/** What {@link FrameworkData} is built on. */
export interface FrameworkDataOptions {
  db: ZoryxDatabase;
  /** Settings of guilds that never set one (from the config; read on every access). */
  defaults: () => Readonly<GuildSettingValues>;
  /** Receives errors of background command-usage flushes. */
  onError: (error: unknown) => void;
  /** Command-usage batching (tests shorten or disable the timer). */
  usage?: { batchSize?: number; flushIntervalMs?: number };
  now?: () => number;
}

/**
 * The framework's own tables and what it keeps in them: guild settings (`guild_settings` in
 * each guild database) and command usage (`command_stats` in the main one). Their migrations
 * (owner `framework`) are registered on first use or by {@link FrameworkData.register} at start,
 * whichever comes first, so no query ever runs before its table exists.
 */
export class FrameworkData {
  public readonly settings: GuildSettingsService;
  public readonly usage: CommandUsage;
  readonly #db: ZoryxDatabase;
  readonly #registered: Partial<Record<'main' | 'guild', Promise<void>>> = {};

  public constructor(options: FrameworkDataOptions) {
    this.#db = options.db;
    const now = options.now ?? Date.now;
    this.settings = new GuildSettingsService({
      db: options.db,
      defaults: options.defaults,
      ready: () => this.#register('guild', frameworkGuildMigrations),
      now,
    });
    this.usage = new CommandUsage({
      db: options.db,
      ready: () => this.#register('main', frameworkMainMigrations),
      onError: options.onError,
      now,
      ...options.usage,
    });
  }

  /** Registers the framework's guild and main migrations (the main ones run now). */
  public async register(): Promise<void> {
    await this.#register('guild', frameworkGuildMigrations);
    await this.#register('main', frameworkMainMigrations);
  }

  /** Resolves once the framework's main tables exist (`command_stats`, `framework_jobs`). */
  public mainReady(): Promise<void> {
    return this.#register('main', frameworkMainMigrations);
  }

  /** Once per scope; a failed registration is retried by the next caller. */
  #register(scope: 'main' | 'guild', migrations: Record<string, Migration>): Promise<void> {
    let registering = this.#registered[scope];
    if (registering === undefined) {
      registering = this.#db.registerMigrations(FRAMEWORK_OWNER, scope, migrations);
      registering.catch(() => {
        if (this.#registered[scope] === registering) delete this.#registered[scope];
      });
      this.#registered[scope] = registering;
    }
    return registering;
  }

  /** The settings of one guild (`ZRX_GUILD_SETTING` when the id is not a snowflake). */
  public settingsOf(guildId: string): GuildSettings {
    return this.settings.of(guildId);
  }

  /** Usage per command, most used first. */
  public commandStats(): Promise<CommandStat[]> {
    return this.usage.stats();
  }

  /** Counters for `cachestats`/`dbstats`. */
  public stats(): FrameworkDataStats {
    return {
      settingsCache: this.settings.cacheStats(),
      pendingUsageRecords: this.usage.pending,
    };
  }

  /** Writes pending usage and stops following the database; run before the database closes. */
  public async close(): Promise<void> {
    this.settings.close();
    await this.usage.close();
  }
}
