// runBot: a bot folder, supervised by default (the gateway in this thread, the bot in a worker
// thread the watchdog replaces), or as one plain process with `supervise: false`.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ZoryxClient, ZoryxConfigInput } from '@zoryx/framework';
import { FRAMEWORK_INTENTS } from '@zoryx/framework/env';
import {
  type Supervisor,
  type SupervisorLogger,
  type SupervisorOptions,
  startSupervisor,
} from '@zoryx/supervisor';
import { bootBundleFolder } from '../boot-bundle/boot-bundle-folder.js';
import {
  type ScheduledBootBundle,
  scheduleBootBundle,
} from '../boot-bundle/schedule-boot-bundle.js';
import { type CompileCacheStatus, startCompileCache } from '../compile-cache.js';
import { CliError } from '../errors.js';
import type { BotSettings } from './bot-settings.js';
import { ConfigOffer, handoverChannel } from './config-handover.js';
import { type EarlyStart, earlyStart, type SettingsSource } from './early-start.js';
import { FaultGate } from './fault-gate.js';
import type { FaultReport } from './fault-reports.js';
import { type CustomBotOptions, takeHandoff } from './module-handoff.js';
import { operatorLogger } from './operator-logger.js';
import { RUN_OPTIONS_ENV, type WorkerRunOptions } from './run-options.js';

/** Options of {@link runBot}. */
export interface RunBotOptions {
  /** The bot folder (config.json, .env, extensions/, data/). Default `process.cwd()`. */
  cwd?: string;
  /** Path of the config file. Default `<cwd>/config.json`. */
  configPath?: string;
  /** Configuration in code instead of config.json (must be JSON: it is sent to the worker). */
  config?: ZoryxConfigInput;
  /**
   * createBot options of a customised bot (a logger, `sharedModules`, `hotReload`, extra
   * `clientOptions`…). In one process they are passed to createBot. Supervised, they cannot
   * cross into the worker thread (functions, module instances), so the worker imports
   * {@link RunBotOptions.module} — the module making this call — and its own `runBot` call there
   * hands these options to the worker's createBot and resolves with that bot
   * (`running.bot` in the worker). Keep the call at the module's top level.
   */
  bot?: CustomBotOptions;
  /**
   * The module that calls runBot with {@link RunBotOptions.bot}: `import.meta.url` (a `file:`
   * URL or an absolute path). Required with `bot` when supervised (`ZRX_CLI_BOT_MODULE`).
   */
  module?: string | URL;
  /** Run under the supervisor. Default: config.json's `supervise` (true). */
  supervise?: boolean;
  /**
   * The supervisor's watchdog (default: blocked 5 s, in an extension's setup while a worker
   * starts too; 30 s for the framework's own boot work; heap: the limit Node gives this process).
   */
  watchdog?: SupervisorOptions['watchdog'];
  /**
   * Load the framework from the boot bundle (one file of the framework, discord.js, Sapphire…,
   * built in the background after a start into `<data>/cache/boot`, used while its files are
   * unchanged): a faster cold start. Default true; `ZORYX_BOOT_BUNDLE=off` also turns it off.
   * Off for a customised bot (`bot` + `module`), whose module imports the framework itself.
   */
  bootBundle?: boolean;
  /** Keep a standby worker for fast restarts. Default true. */
  standby?: boolean;
  /** Delays between restarts after consecutive faults. */
  backoff?: SupervisorOptions['backoff'];
  /** How long a bot gets to shut down gracefully, ms (default 10,000). */
  shutdownTimeoutMs?: number;
  /** SIGINT/SIGTERM shut the bot down gracefully and exit the process. Default true. */
  handleSignals?: boolean;
  /** Environment (default `process.env`; the bot folder's .env fills what it lacks). */
  env?: Record<string, string | undefined>;
  /** Where the supervisor's and the fault lines go. Default: readable lines on stderr. */
  logger?: SupervisorLogger;
}

/** A bot started by {@link runBot}. */
export interface RunningBot {
  /** Whether it runs under the supervisor (in a worker thread). */
  readonly supervised: boolean;
  /** The supervisor (supervised only): stats, events, `restartWorker()`. */
  readonly supervisor: Supervisor | null;
  /**
   * The bot itself: unsupervised, or in the worker thread of a customised bot (the module's
   * `runBot({ bot })` call there). `null` in the supervisor's thread: the bot lives in its worker.
   */
  readonly bot: ZoryxClient | null;
  /** Shuts the bot down gracefully (and the supervisor with its gateway session). */
  close(reason?: string): Promise<void>;
}

/** dist/supervised-worker.js of this package, from src/ (tests) as from dist/. */
function workerEntry(): string {
  const manifest = createRequire(import.meta.url).resolve('@zoryx/cli/package.json');
  return join(dirname(manifest), 'dist', 'supervised-worker.js');
}

function stringEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

/**
 * Runs the bot of a folder. **Supervised** by default (`@zoryx/supervisor`): this thread holds
 * the gateway session and the bot runs in a worker thread; when an extension blocks the event
 * loop past the watchdog's limit, runs the worker out of memory or crashes it, the fault is
 * recorded against that extension (repeated faults quarantine it, and the owners get a DM)
 * before a replacement worker resumes the session without a new IDENTIFY. Errors an extension
 * lets escape inside the worker are isolated by the bot itself (`handleErrors`). With
 * `supervise: false` (or `"supervise": false` in config.json) it is one plain process, as
 * `createBot().start()`. Rejects with `ZRX_CLI_NO_TOKEN` without a token, or the supervisor's
 * / framework's error when the first start fails.
 *
 * @example
 * ```ts
 * // src/index.ts of a bot
 * import { runBot } from '@zoryx/cli';
 * await runBot({ cwd: botRoot });
 * ```
 */
export async function runBot(options: RunBotOptions = {}): Promise<RunningBot> {
  // In the worker thread of a customised bot, imported by the worker entry: hand it the options.
  const handoff = takeHandoff();
  if (handoff) {
    const bot = await handoff.hand(options.bot ?? {});
    return { supervised: true, supervisor: null, bot, close: (reason) => bot.shutdown(reason) };
  }
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  // Node ≥ 22.1: normally already on (the package entry enables it before importing this
  // module); for the record in the log, and for a caller that imported this file directly.
  const compileCache = startCompileCache(env);
  const source: SettingsSource = {
    cwd,
    env,
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
    ...(options.config === undefined ? {} : { config: options.config }),
  };
  // Supervised (the default), the worker is spawned first and loads the bot while this thread
  // reads and validates the settings (zod): the two are not paid one after the other.
  const canSupervise = !(options.bot && options.module === undefined);
  const early = canSupervise ? await earlyStart(source, options.supervise) : null;
  if (early) return runSupervised(early, source, options, compileCache);
  const { readBotSettings } = await import('./bot-settings.js');
  const settings = await readBotSettings(source);
  if (!settings.token) {
    throw new CliError('ZRX_CLI_NO_TOKEN', `No DISCORD_TOKEN for the bot in ${cwd}.`);
  }
  if (!(options.supervise ?? settings.config.supervise)) {
    return runPlain(cwd, options, env, compileCache, settings.config.data.dir);
  }
  if (!canSupervise) {
    throw new CliError(
      'ZRX_CLI_BOT_MODULE',
      'runBot({ bot }) runs supervised without `module`: the worker cannot take the createBot options.',
    );
  }
  return runSupervised(
    { token: settings.token, apiBase: settings.apiBase },
    source,
    options,
    compileCache,
    settings,
  );
}

async function runPlain(
  cwd: string,
  options: RunBotOptions,
  env: Record<string, string | undefined>,
  compileCache: CompileCacheStatus,
  dataDir: string,
): Promise<RunningBot> {
  // The whole framework only here: supervised, this thread never needs it (the worker loads it).
  // From the boot bundle when there is a usable one (not for a customised bot's options).
  const bootBundle = bootBundleFolder(
    cwd,
    dataDir,
    env,
    options.bootBundle !== false && options.bot === undefined,
  );
  const { loadFramework } = await import('../boot-bundle/load-framework.js');
  const runtime = await loadFramework(bootBundle);
  const bot = await runtime.createBot({
    ...(Object.keys(runtime.sharedModules).length > 0
      ? { sharedModules: runtime.sharedModules }
      : {}),
    ...options.bot,
    cwd,
    env,
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
    ...(options.config === undefined ? {} : { config: options.config }),
    handleSignals: options.handleSignals ?? true,
  });
  bot.zoryxLogger.debug({ compileCache }, compileCacheLine(compileCache));
  const report = await bot.start();
  runtime.refreshCodeCache();
  bot.zoryxLogger.info({ framework: runtime.note }, report.summary);
  const scheduled = bootBundle ? scheduleBootBundle(bootBundle, bot.zoryxLogger) : null;
  return {
    supervised: false,
    supervisor: null,
    bot,
    close: (reason = 'closed') => {
      scheduled?.cancel();
      return bot.shutdown(reason);
    },
  };
}

/**
 * Starts the supervisor, whose first step spawns the worker, then reads the settings (unless the
 * caller already has them) while the worker boots; an invalid setting stops the supervisor again
 * and is what rejects.
 */
async function runSupervised(
  early: EarlyStart,
  source: SettingsSource,
  options: RunBotOptions,
  compileCache: CompileCacheStatus,
  known?: BotSettings,
): Promise<RunningBot> {
  const logger = options.logger ?? operatorLogger();
  logger.debug({ compileCache }, compileCacheLine(compileCache));
  const gate = new FaultGate(`zoryx-run-${randomUUID()}`);
  const bootBundle = bootBundleFolder(
    source.cwd,
    known ? known.config.data.dir : early.dataDir,
    source.env,
    options.bootBundle !== false && options.module === undefined,
  );
  const workerOptions: WorkerRunOptions = {
    cwd: source.cwd,
    gate: gate.name,
    ...(bootBundle === undefined ? {} : { bootBundle }),
    ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.module === undefined ? {} : { module: moduleUrl(options.module) }),
  };
  const starting = startSupervisor({
    entry: workerEntry(),
    token: early.token,
    intents: FRAMEWORK_INTENTS.reduce((bits, intent) => bits | intent, 0),
    ...(early.apiBase === undefined ? {} : { apiBase: early.apiBase }),
    ...(options.watchdog === undefined ? {} : { watchdog: options.watchdog }),
    ...(options.standby === undefined ? {} : { standby: options.standby }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    ...(options.shutdownTimeoutMs === undefined
      ? {}
      : { shutdownTimeoutMs: options.shutdownTimeoutMs }),
    handleSignals: options.handleSignals ?? true,
    env: {
      ...(options.env ? stringEnv(options.env) : {}),
      [RUN_OPTIONS_ENV]: JSON.stringify(workerOptions),
    },
    logger,
  });
  const reading =
    known ?? import('./bot-settings.js').then(({ readBotSettings }) => readBotSettings(source));
  // The first worker builds the bot from this validated config (config-handover.ts).
  const offer = new ConfigOffer(
    handoverChannel(gate.name),
    Promise.resolve(reading).then((settings) => settings.fileConfig),
  );
  // Loaded meanwhile, so the fault listeners are on as soon as the supervisor resolves.
  const faultReports = import('./fault-reports.js');
  const [started, settings, reports] = await Promise.allSettled([starting, reading, faultReports]);
  // The first worker has started (or failed): nobody else asks for the handover.
  offer.close();
  if (settings.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.close('invalid settings');
    gate.close();
    throw settings.reason;
  }
  if (started.status === 'rejected' || reports.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.close('start failed');
    gate.close();
    throw started.status === 'rejected'
      ? started.reason
      : (reports as PromiseRejectedResult).reason;
  }
  const supervisor = started.value;
  watchFaults(supervisor, settings.value, gate, logger, options.watchdog?.memoryMb, reports.value);
  // For the next start, once this one serves (nothing when the folder's bundle is usable).
  const scheduled: ScheduledBootBundle | null = bootBundle
    ? scheduleBootBundle(bootBundle, logger)
    : null;
  return {
    supervised: true,
    supervisor,
    bot: null,
    close: async (reason = 'closed') => {
      scheduled?.cancel();
      await supervisor.close(reason);
      gate.close();
    },
  };
}

/** The compile cache's state as a log line (debug: it only matters to someone timing starts). */
function compileCacheLine({ status, directory, message }: CompileCacheStatus): string {
  if (status === 'enabled')
    return `module compile cache in ${directory ?? "Node's default folder"}`;
  if (status === 'failed') return `module compile cache not used: ${message ?? 'Node refused it'}`;
  return status === 'off' ? 'module compile cache off' : 'no module compile cache (Node < 22.1)';
}

/** The module as a URL the worker can import. */
function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  return isAbsolute(module) ? pathToFileURL(module).href : module;
}

/** Records, logs and announces the faults the supervisor reports. */
function watchFaults(
  supervisor: Supervisor,
  settings: BotSettings,
  gate: FaultGate,
  logger: SupervisorLogger,
  memoryMb: number | undefined,
  { duration, notifyOwners, reportFault }: typeof import('./fault-reports.js'),
): void {
  const reports = new Map<number, Promise<FaultReport | null>>();
  const onFault = (workerId: number, event: Parameters<typeof reportFault>[1]): void => {
    const work = reportFault(settings, event, memoryMb).then(
      (report) => {
        logger.warn(
          { extension: report.extension, workerId },
          `${report.what}; restarting the worker${report.standing ? ` (${report.standing})` : ''}`,
        );
        const quarantined = report.outcome?.newlyQuarantined ? report.outcome.quarantined : null;
        if (report.extension && quarantined) {
          const extension = report.extension;
          void notifyOwners(settings, extension, quarantined.reason).then((failed) => {
            if (failed.length > 0) {
              logger.warn(
                { extension, owners: failed },
                `could not DM owner(s) ${failed.join(', ')} about the quarantine of ${extension}`,
              );
            }
          });
        }
        return report;
      },
      (error: unknown) => {
        logger.error({ workerId, error: String(error) }, 'could not record the fault');
        return null;
      },
    );
    reports.set(workerId, work);
    // The replacement worker waits for this record (fault-gate.ts).
    gate.track(work);
  };
  supervisor.on('worker_stalled', (e) => onFault(e.workerId, { kind: 'stall', e }));
  supervisor.on('worker_crashed', (e) => onFault(e.workerId, { kind: 'crash', e }));
  supervisor.on('worker_restarted', (e) => {
    const pending = reports.get(e.previousWorkerId);
    reports.delete(e.previousWorkerId);
    const restarted = `worker restarted in ${duration(e.downtimeMs)}`;
    if (!pending) {
      logger.info({ workerId: e.workerId, reason: e.reason }, `${restarted} (${e.reason})`);
      return;
    }
    void pending.then((report) => {
      const parts = [report?.what ?? `the worker ${e.reason}`, restarted];
      if (report?.standing) parts.push(report.standing);
      logger.info(
        { workerId: e.workerId, reason: e.reason, extension: report?.extension ?? null },
        parts.join('; '),
      );
    });
  });
}
