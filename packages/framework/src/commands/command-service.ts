import type { Command, CommandStore } from '@sapphire/framework';
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { ZoryxConfig } from '../config/schema.js';
import { CommandRouter } from './command-router.js';
import {
  SYNC_STATE_PATH,
  type SyncReport,
  type SyncStateStore,
  syncCommands,
} from './command-sync.js';
import { buildCommandTable, type CommandTable } from './command-table.js';
import { isDispatcher } from './command-target.js';

/** Options of {@link CommandService}. */
export interface CommandServiceOptions {
  client: Client;
  commands: CommandStore;
  config: () => ZoryxConfig;
  state: SyncStateStore;
  logger: Logger;
  /** The category a command folds under when it names none (its extension). */
  categoryOf: (command: Command) => string | undefined;
  /** Quiet time before a change is planned and synced. Default 100 ms. */
  debounceMs?: number;
}

/**
 * Owns the command set's lifecycle: every change (an extension loaded, unloaded or reloaded)
 * schedules one debounced re-plan, which re-installs the folded roots and, once the client is
 * ready, syncs with Discord (zero calls when the set's hash is unchanged).
 */
export class CommandService {
  private readonly router: CommandRouter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private ready = false;
  private current: CommandTable | undefined;
  private readonly reports: SyncReport[] = [];

  public constructor(private readonly options: CommandServiceOptions) {
    this.router = new CommandRouter(options.commands);
  }

  /** The current plan and routes (after the first re-plan). */
  public get table(): CommandTable | undefined {
    return this.current;
  }

  /** Every sync made so far, oldest first. */
  public get syncReports(): readonly SyncReport[] {
    return this.reports;
  }

  /** Marks the client ready (so syncs may call Discord) and re-plans now. */
  public async markReady(): Promise<void> {
    this.ready = true;
    await this.refresh();
  }

  /** Schedules a debounced re-plan (and sync when ready). */
  public schedule(): void {
    this.pending = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.options.debounceMs ?? 100);
    this.timer.unref?.();
  }

  /** Re-plans and syncs now (serialised with other refreshes). */
  public refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
    const run = this.running.then(() => this.run());
    this.running = run.catch(() => undefined);
    return run;
  }

  /**
   * Re-plans and syncs now and returns the syncs it made. `force` forgets the stored hashes
   * first, so Discord's set is fetched, compared and corrected even when nothing changed here.
   */
  public async resync(options: { force?: boolean } = {}): Promise<SyncReport[]> {
    const before = this.reports.length;
    if (options.force) await this.options.state.writeJson(SYNC_STATE_PATH, {});
    await this.refresh();
    return this.reports.slice(before);
  }

  /** Resolves once no re-plan is scheduled or running. */
  public async idle(): Promise<void> {
    while (this.pending || this.timer) await this.refresh();
    await this.running;
  }

  /** Stops scheduling and removes the roots and aliases it installed. */
  public async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
    await this.running;
    await this.router.clear();
  }

  private async run(): Promise<void> {
    const { commands, config, logger, client } = this.options;
    try {
      const own = [...commands.values()].filter((c) => !isDispatcher(c));
      const table = await buildCommandTable(own, config(), this.options.categoryOf);
      await this.router.apply(table);
      this.current = table;
      for (const { command, violations } of table.plan.violations) {
        logger.warn(
          { command, violations },
          `command ${command} is invalid and was not registered`,
        );
      }
      if (table.plan.status.level !== 'ok') {
        logger.warn({ status: table.plan.status }, table.plan.status.warnings.join('; '));
      }
      if (!this.ready || !config().components.commandSync || !client.application) return;
      const guilds = config().devGuilds;
      const scopes = guilds.length > 0 ? guilds : [undefined];
      for (const guildId of scopes) {
        const report = await syncCommands(table.plan.register, {
          rest: client.rest,
          applicationId: client.application.id,
          state: this.options.state,
          ...(guildId ? { guildId } : {}),
        });
        this.reports.push(report);
        logger.info(
          { ...report },
          `commands synced (${report.scope}): ${report.calls} API call(s)`,
        );
      }
    } catch (error) {
      logger.error({ err: error }, `command planning/sync failed: ${(error as Error).message}`);
    }
  }
}
