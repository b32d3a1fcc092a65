import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { type Command, SapphireClient, type SapphireClientOptions } from '@sapphire/framework';
import type { ZoryxDatabase } from '@zoryx/db';
import type { HookBus } from '@zoryx/hooks';
import type {
  ActivitySink,
  BootReport,
  EnforcementToggles,
  HotReloader,
  HotReloaderOptions,
} from '@zoryx/loader';
import type { AtomicStore } from '@zoryx/store';
import { type ClientOptions, Events, Partials } from 'discord.js';
import type { Logger } from 'pino';
import { CommandService } from '../commands/command-service.js';
import type { SyncReport } from '../commands/command-sync.js';
import type { ZoryxConfig } from '../config/schema.js';
import { CooldownTracker } from '../cooldowns/cooldown-tracker.js';
import { FrameworkError } from '../errors.js';
import { ExtensionFaults, faultPolicyOf } from '../faults/extension-faults.js';
import { IntakeLimiter } from '../intake/intake-limiter.js';
import type { BotRuntime } from './bot-runtime.js';
// The framework's hook events (bot_ready, command_executed, …): declared there, by augmentation.
import '../events/framework-events.js';
import { JobScheduler } from '../jobs/job-scheduler.js';
import { PinoSapphireLogger } from '../logging/sapphire-logger.js';
import { CommandRoles } from '../permissions/command-roles.js';
import type { GuildSettings } from '../settings/guild-settings.js';
import type { CommandStat } from '../stats/command-usage.js';
import { defaultAllowedMentions } from './allowed-mentions.js';
import { ExtensionConfigOverrides } from './extension-config-overrides.js';
import type { PieceOwnership } from './extension-pieces.js';
import { createExtensionWiring, ENFORCEMENT_PATH } from './extension-wiring.js';
import { FrameworkData, type FrameworkDataStats } from './framework-data.js';
import { FRAMEWORK_INTENTS } from './framework-intents.js';
import { registerFrameworkPieces } from './framework-pieces.js';
import { reportCorruptGuildDatabases } from './guild-database-notices.js';
import { startHotReload } from './hot-reload-start.js';
import { notifyOwnersOfFailedReloads, notifyOwnersOfQuarantine } from './owner-notices.js';
import { createPrefixResolver } from './prefixes.js';
import { ProcessHandlers } from './process-handlers.js';
import { attachRuntime } from './runtime.js';
import { restoreManualPieces, snapshotManualPieces } from './sapphire-container.js';
import { runShutdown } from './shutdown.js';
import { startStatusRotation } from './status-rotation.js';
import { ZoryxExtensionHost } from './zoryx-extension-host.js';

/** The services a {@link ZoryxClient} is built on (created by `createBot`, or by you). */
export interface ZoryxServices {
  config: ZoryxConfig;
  logger: Logger;
  hooks: HookBus;
  store: AtomicStore;
  db: ZoryxDatabase;
  /** Folder that relative config paths (extensions, data) resolve against. */
  cwd: string;
  /** Bot token; may be omitted against an emulator that accepts any token. */
  token?: string;
  /** Runs after the shutdown sequence (e.g. closing the log transports). */
  onClosed?: () => Promise<void>;
  /** Module instances shared with extension code (besides the framework's own defaults). */
  sharedModules?: Readonly<Record<string, unknown>>;
  /** Options of the hot reloader (when `autoReload` is on). */
  hotReload?: HotReloaderOptions;
  /** Quiet time before command changes are planned and synced. Default 100 ms. */
  commandDebounceMs?: number;
  /** Install SIGINT/SIGTERM handlers that shut down gracefully. Default true. */
  handleSignals?: boolean;
  /**
   * Install `uncaughtException`/`unhandledRejection` handlers (fault isolation): errors an
   * extension lets escape are logged with an error id and its name and counted as its faults;
   * an unattributable uncaught exception shuts the bot down gracefully and exits with code 1.
   * For a bot that owns its process or worker thread. Default: `handleSignals` (true).
   */
  handleErrors?: boolean;
  /**
   * Told synchronously which extension starts running (its name) and what runs again after it
   * (`null`: the bot itself): e.g. `@zoryx/supervisor/worker`'s `setActivity`, so a watchdog can
   * name the extension that blocks the event loop.
   */
  activity?: ActivitySink;
  /** The runtime hosting the bot, when it tells (a supervised worker); see {@link BotRuntime}. */
  runtime?: BotRuntime;
}

/** Options of {@link ZoryxClient}: discord.js/Sapphire options plus the services. */
export type ZoryxClientOptions = Partial<SapphireClientOptions & ClientOptions> & {
  zoryx: ZoryxServices;
};

export { FRAMEWORK_INTENTS } from './framework-intents.js';

/**
 * A SapphireClient that hosts Zoryx extensions: it loads them with `@zoryx/loader`, gives each a
 * `ctx` with `client`, `db` and a scoped `store`, registers the Sapphire pieces they bring (owned,
 * released on unload), fits their commands into Discord's limits and syncs them, applies the
 * permission tiers and cooldowns, emits the framework events on the hook bus, and shuts down
 * gracefully. Usually created with `createBot()`.
 */
export class ZoryxClient extends SapphireClient {
  public readonly config: ZoryxConfig;
  public readonly zoryxLogger: Logger;
  public readonly hooks: HookBus;
  public readonly store: AtomicStore;
  public readonly db: ZoryxDatabase;
  /** The extension host: load/unload/reload, status, APIs, and run-time settings. */
  public readonly extensions: ZoryxExtensionHost;
  public readonly commandService: CommandService;
  public readonly commandRoles: CommandRoles;
  public readonly cooldowns = new CooldownTracker();
  /** Per-user limits on commands and unknown-command replies (`config.intake`). */
  public readonly intake = new IntakeLimiter(() => this.config.intake);
  /** Which extension owns which piece. */
  public readonly pieceOwners: PieceOwnership;
  /** Errors that escaped extensions: logged, counted, quarantining (`extensions.quarantine`). */
  public readonly faults: ExtensionFaults;
  /** Persistent jobs of every extension (`ctx.jobs`); runs due jobs once the client is ready. */
  public readonly jobs: JobScheduler;
  /**
   * The runtime hosting the bot: a supervised worker (`zoryx start`) says so here, with its
   * relay's lag; `null` in one process.
   */
  public readonly runtime: BotRuntime | null;
  /** The hot reloader (with `autoReload`), set by start(); its watcher may still be starting. */
  public hotReloader: HotReloader | undefined;
  private hotReloadStarting: Promise<boolean> = Promise.resolve(false);
  private readonly services: ZoryxServices;
  /** Guild settings and command usage: the framework's own tables. */
  private readonly data: FrameworkData;
  private bootDone!: () => void;
  private readonly booted = new Promise<void>((done) => {
    this.bootDone = done;
  });
  private readyHandled: Promise<void> | undefined;
  private shutdownPromise: Promise<void> | undefined;

  public constructor(options: ZoryxClientOptions) {
    const { zoryx, ...clientOptions } = options;
    const inherited = snapshotManualPieces();
    const config = zoryx.config;
    super({
      intents: [...FRAMEWORK_INTENTS],
      partials: [Partials.Channel],
      baseUserDirectory: null,
      loadMessageCommandListeners: config.components.messageCommands,
      loadDefaultErrorListeners: false,
      loadApplicationCommandRegistriesStatusListeners: false,
      disableMentionPrefix: true,
      caseInsensitiveCommands: true,
      caseInsensitivePrefixes: true,
      // Ping nobody but the replied-to author unless a message opts in (see allowed-mentions.ts).
      allowedMentions: defaultAllowedMentions(),
      logger: { instance: new PinoSapphireLogger(zoryx.logger.child({ component: 'sapphire' })) },
      ...clientOptions,
    });
    restoreManualPieces(inherited);
    this.services = zoryx;
    this.runtime = zoryx.runtime ?? null;
    this.config = config;
    this.zoryxLogger = zoryx.logger;
    this.hooks = zoryx.hooks;
    this.store = zoryx.store;
    this.db = zoryx.db;
    this.commandRoles = new CommandRoles(zoryx.db);
    this.data = new FrameworkData({
      db: zoryx.db,
      defaults: () => ({
        prefix: this.config.prefix,
        mentionPrefix: this.config.mentionPrefix,
        locale: null,
      }),
      onError: (error) =>
        this.zoryxLogger.warn({ err: error }, 'writing command usage failed; retrying later'),
    });
    this.jobs = new JobScheduler({
      db: zoryx.db,
      ready: () => this.data.mainReady(),
      logger: this.zoryxLogger.child({ component: 'jobs' }),
      activity: zoryx.activity,
    });
    const owners = new Set(config.owners);
    this.fetchPrefix = createPrefixResolver(
      () => this.config,
      {
        prefix: (guildId) => this.settings(guildId).get('prefix'),
        mentionPrefix: (guildId) => this.settings(guildId).get('mentionPrefix'),
      },
      () => this.id ?? this.user?.id ?? null,
    );
    this.commandService = new CommandService({
      client: this,
      commands: this.stores.get('commands'),
      config: () => this.config,
      state: this.store,
      logger: this.zoryxLogger.child({ component: 'commands' }),
      categoryOf: (command) => this.ownerOfCommand(command),
      ...(zoryx.commandDebounceMs === undefined ? {} : { debounceMs: zoryx.commandDebounceMs }),
    });
    this.faults = new ExtensionFaults({
      store: zoryx.store,
      logger: this.zoryxLogger.child({ component: 'faults' }),
      policy: () => faultPolicyOf(this.config),
      quarantine: (name, reason) => this.extensions.quarantine(name, reason),
    });
    const wiring = createExtensionWiring(
      this,
      resolve(zoryx.cwd, config.extensions.dir),
      zoryx.sharedModules,
      { activity: zoryx.activity, faults: this.faults },
    );
    this.pieceOwners = wiring.ownership;
    // Settings changed at run time (bot.extensions.configure) are merged over config.json's.
    this.extensions = new ZoryxExtensionHost(
      wiring.options,
      new ExtensionConfigOverrides(this.store),
      (name) => config.extensions.config[name],
    );
    this.processHandlers = new ProcessHandlers({
      signals: zoryx.handleSignals !== false,
      errors: zoryx.handleErrors ?? zoryx.handleSignals !== false,
      logger: this.zoryxLogger,
      faults: this.faults,
      extensions: this.extensions,
      shutdown: (reason) => this.shutdown(reason),
    });
    notifyOwnersOfFailedReloads(this.hooks, this, owners, this.zoryxLogger);
    notifyOwnersOfQuarantine(this.hooks, this, owners, this.zoryxLogger);
    reportCorruptGuildDatabases({
      db: this.db,
      client: this,
      owners,
      logger: this.zoryxLogger.child({ component: 'db' }),
      emit: (payload) => {
        this.hooks.emit('guild_database_corrupt', payload).catch(() => undefined);
      },
    });
    attachRuntime(this, {
      config: () => this.config,
      commandTable: () => this.commandService.table,
      owners,
      logger: this.zoryxLogger,
      cooldowns: this.cooldowns,
      intake: this.intake,
      grants: new WeakMap(),
      commandRoles: (guildId, command) => this.commandRoles.rolesFor(guildId, command),
      pieceOwner: (store, name) => this.pieceOwners.ownerOf(store, name),
      isOwnerOnly: (command) =>
        this.config.commands[command.name]?.ownerOnly ??
        (command.options as { zoryx?: { ownerOnly?: boolean } }).zoryx?.ownerOnly ??
        false,
      // Batched in memory; statistics never fail or slow a command.
      recordCommand: (name) => this.data.usage.record(name),
      emit: (event, payload) => {
        this.hooks.emit(event, payload).catch(() => undefined);
      },
      onReady: () => this.handleReady(),
      onGuildLeft: async (guildId) => {
        this.commandRoles.forget(guildId);
        await this.db.removeGuild(guildId, { backupFirst: true });
      },
    });
  }

  /** The extension that brought a command (its default fold category). */
  public ownerOfCommand(command: Command): string | undefined {
    return this.pieceOwners.ownerOf('commands', command.name);
  }

  /**
   * Typed, cached settings of one guild (`prefix`, `mentionPrefix`, `locale`), kept in its
   * database; a value the guild never set is the config's default. Throws `ZRX_GUILD_SETTING`
   * when `guildId` is not a guild id.
   */
  public settings(guildId: string): GuildSettings {
    return this.data.settingsOf(guildId);
  }

  /** How often each command ran (successful runs, all time), most used first. */
  public commandStats(): Promise<CommandStat[]> {
    return this.data.commandStats();
  }

  /** Counters of the framework's own data: the settings cache and unwritten usage records. */
  public dataStats(): FrameworkDataStats {
    return this.data.stats();
  }

  /**
   * Logs in (compiling the extensions meanwhile), boots the extensions, waits for the gateway to
   * be ready and the commands to be synced, and starts the hot reloader's watcher (when
   * `autoReload` is on) without waiting for it: {@link ZoryxClient.hotReloadStarted} does.
   * Resolves with the boot report.
   */
  public async start(): Promise<BootReport> {
    const token = this.services.token;
    if (!token) {
      throw new FrameworkError(
        'ZRX_TOKEN_MISSING',
        'No bot token: DISCORD_TOKEN is not set.',
        'Put DISCORD_TOKEN=... in .env, or point ZORYX_DISCORD_API at @zoryx/emulator for offline use.',
      );
    }
    // Compiling the extensions runs none of their code, so it overlaps the login; boot (after
    // the login, as before) starts from these bundles.
    if (this.config.extensions.autoload) void this.extensions.precompile();
    await this.data.register();
    await registerFrameworkPieces();
    this.processHandlers.install();
    const ready = this.isReady() ? Promise.resolve() : once(this, Events.ClientReady);
    await this.login(token);
    const report = this.config.extensions.autoload
      ? await this.extensions.boot()
      : {
          loaded: [],
          failed: [],
          skipped: [],
          quarantined: [],
          durationMs: 0,
          summary: 'extensions.autoload is off: load extensions with bot.extensions.load(name)',
          extensions: [],
        };
    this.bootDone();
    await ready;
    await this.readyHandled;
    if (this.config.autoReload && this.config.components.hotReload) {
      // Not awaited: chokidar's import and first scan are no part of the first reply, and a
      // watcher that cannot start only costs hot reload (hot-reload-start.ts).
      const { reloader, started } = startHotReload(
        this.extensions,
        this.services.hotReload,
        this.zoryxLogger,
        this.hooks,
      );
      this.hotReloader = reloader;
      this.hotReloadStarting = started;
    }
    return report;
  }

  /**
   * Resolves once the hot reloader watches the extensions folder (`true`; changes saved since the
   * boot are caught up then), or `false` when hot reload is off or its watcher could not start
   * (logged as `ZRX_HOT_RELOAD_START` and emitted as `hot_reload_failed`). Never rejects.
   */
  public hotReloadStarted(): Promise<boolean> {
    return this.hotReloadStarting;
  }

  /**
   * Graceful shutdown: stop intake (watcher, message and interaction events), unload the
   * extensions, drain the hook bus, flush the store, back up and close the databases, destroy
   * the client. Safe to call more than once.
   */
  public shutdown(reason = 'shutdown'): Promise<void> {
    this.shutdownPromise ??= runShutdown(this, reason, this.services.onClosed, () =>
      this.data.close(),
    );
    return this.shutdownPromise;
  }

  private handleReady(): Promise<void> {
    this.readyHandled ??= (async () => {
      await this.booted;
      await this.commandService.markReady();
      this.jobs.start();
      if (this.config.components.statusRotation) {
        this.stopStatusRotation = startStatusRotation(
          this,
          this.config.status,
          () => this.stores.get('commands').size,
        );
      }
      this.hooks
        .emit('bot_ready', {
          userId: this.user?.id ?? '',
          userTag: this.user?.tag ?? '',
          guildCount: this.guilds.cache.size,
          shardIds: this.shard?.ids ?? [0],
        })
        .catch(() => undefined);
    })();
    return this.readyHandled;
  }

  /** Signal and error handlers on `process`, installed by `start()` (see `handleErrors`). */
  private readonly processHandlers: ProcessHandlers;
  /** Stops the presence rotation (part of shutdown). */
  public stopStatusRotation: () => void = () => undefined;

  /** Removes the process handlers: SIGINT/SIGTERM and the error handlers (part of shutdown). */
  public removeSignalHandlers(): void {
    this.processHandlers.remove();
  }

  /**
   * Re-plans the commands and syncs them with Discord now; returns the syncs made. `force`
   * ignores the stored hashes, so Discord's set is fetched, compared and corrected.
   */
  public resync(options: { force?: boolean } = {}): Promise<SyncReport[]> {
    return this.commandService.resync(options);
  }

  /** The dependency/conflict enforcement in force (both on unless an owner switched one off). */
  public async enforcement(): Promise<Required<EnforcementToggles>> {
    const saved = (await this.store.readJson<EnforcementToggles>(ENFORCEMENT_PATH)) ?? {};
    return { dependencies: saved.dependencies ?? true, conflicts: saved.conflicts ?? true };
  }

  /**
   * Switches dependency/conflict enforcement of the extension resolver and persists the choice
   * in the store (`framework/enforcement.json`); it applies to the next load or reload.
   */
  public async setEnforcement(toggles: EnforcementToggles): Promise<EnforcementToggles> {
    return this.store.update<EnforcementToggles>(ENFORCEMENT_PATH, (current) => ({
      ...current,
      ...toggles,
    }));
  }

  /** Where extension data (scoped stores) lives. */
  public get dataDir(): string {
    return resolve(this.services.cwd, this.config.data.dir);
  }

  /** The scoped store folder of one extension, relative to the main store's root. */
  public extensionStorePath(name: string): string {
    return join('extensions', name);
  }
}
