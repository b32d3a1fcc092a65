import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { ZoryxClient } from '@zoryx/framework';
import { Redis } from 'ioredis';
import { linkClusterProcess } from '../commands/cluster-link.js';
import { serveGatewayShards } from '../commands/gateway-service.js';
import { ClusterError } from '../errors.js';
import { shareLimits } from '../limits/redis-rate-store.js';
import { ClusterRpc } from '../rpc/cluster-rpc.js';
import { AnswerTracker } from './answered.js';
import { WorkerLink } from './bus-strategy.js';
import { ClusterGateway } from './cluster-gateway.js';
import { ClusterSync, type SettingsSyncLike } from './cluster-sync.js';
import { ExtensionConfigSync } from './config-sync.js';
import { restartOnCrash, startSelfAgain } from './crash-loop.js';

/** The process roles of `zoryx start --role`. */
export type ClusterRole = 'gateway' | 'worker' | 'all';

/** Options shared by the roles. */
export interface RoleOptions {
  /** The bot folder. */
  cwd: string;
  /** `ZORYX_REDIS_URL`. */
  redisUrl: string;
  /** Key prefix (one per bot in a shared Redis). Default `zoryx`. */
  prefix?: string;
  /** This process' id; default `<role>-<host>-<pid>`. */
  processId?: string;
  /** Environment (token, `ZORYX_DISCORD_API`, `ZORYX_DATABASE_URL`). Default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** Reads and checks `--role`. */
export function parseRole(value: string | undefined): ClusterRole {
  if (value === undefined) return 'all';
  if (value === 'gateway' || value === 'worker' || value === 'all') return value;
  throw new ClusterError(
    'ZRX_CLUSTER_CONFIG',
    `Unknown role "${value}".`,
    'Use --role gateway, --role worker or --role all (the default).',
  );
}

function processIdOf(role: ClusterRole, options: RoleOptions): string {
  return options.processId ?? `${role}-${hostname()}-${process.pid}`;
}

/**
 * The framework's intents. Imported on demand (like the framework itself in the worker role):
 * the gateway role and the bus never load the framework's bot code.
 */
async function frameworkIntents(): Promise<number> {
  const { FRAMEWORK_INTENTS } = await import('@zoryx/framework/internals');
  return FRAMEWORK_INTENTS.reduce((bits, intent) => bits | intent, 0);
}

/** A running gateway process. */
export interface RunningGateway {
  gateway: ClusterGateway;
  /**
   * Resolves if another gateway took one of this one's shards (`ZRX_CLUSTER_LEASE_LOST`): the
   * gateway has stopped its shards; the process should exit and come back as a standby.
   */
  lost: Promise<ClusterError>;
  close(): Promise<void>;
}

/** Options of {@link startGatewayRole} beyond the common ones. */
export interface GatewayRoleOptions {
  intents?: number;
  /**
   * Wait as a hot standby while another gateway holds the shards (default: the environment's
   * `ZORYX_GATEWAY_STANDBY=1`), see `ClusterGatewayOptions.standby`.
   */
  standby?: boolean;
  /** Called once when this gateway starts waiting for another one's shards. */
  onStandby?: (holders: string) => void;
}

/**
 * Runs the gateway role for the bot in `cwd`: its token, the framework's intents (unless given), shards from
 * `ZORYX_SHARDS` (`0-7` or `0,1,2`; default all) and `ZORYX_SHARD_COUNT`. With `standby`
 * (`ZORYX_GATEWAY_STANDBY=1`) it resolves only once it holds the shards: while another gateway
 * does, it waits prepared and takes over the moment that one stops renewing its leases.
 */
export async function startGatewayRole(
  options: RoleOptions & GatewayRoleOptions,
): Promise<RunningGateway> {
  const env = options.env ?? process.env;
  const token = env.DISCORD_TOKEN?.trim();
  if (!token) {
    throw new ClusterError('ZRX_CLUSTER_CONFIG', 'DISCORD_TOKEN is not set for the gateway role.');
  }
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  let reportLost: (error: ClusterError) => void = () => undefined;
  const lost = new Promise<ClusterError>((resolve) => {
    reportLost = resolve;
  });
  const gateway = new ClusterGateway({
    standby: options.standby ?? env.ZORYX_GATEWAY_STANDBY === '1',
    ...(options.onStandby ? { onStandby: options.onStandby } : {}),
    onLeaseLost: (error) => reportLost(error),
    token,
    intents: options.intents ?? (await frameworkIntents()),
    redis,
    processId: processIdOf('gateway', options),
    ...(options.prefix ? { prefix: options.prefix } : {}),
    ...(env.ZORYX_DISCORD_API ? { apiBase: env.ZORYX_DISCORD_API } : {}),
    shardIds: parseShards(env.ZORYX_SHARDS),
    shardCount: env.ZORYX_SHARD_COUNT ? Number(env.ZORYX_SHARD_COUNT) : null,
  });
  await gateway.start();
  // The shard monitor commands of the workers (`@zoryx/cluster/extension`) ask this over RPC.
  const rpc = new ClusterRpc({
    redis,
    prefix: options.prefix ?? 'zoryx',
    processId: processIdOf('gateway', options),
    role: 'gateway',
  });
  await rpc.start();
  serveGatewayShards(rpc, {
    monitor: gateway.monitor,
    shardIds: () => gateway.shardIds,
    published: () => gateway.published,
    reconnect: (shardId) => gateway.reconnect(shardId),
  });
  return {
    gateway,
    lost,
    async close() {
      await rpc.close();
      await gateway.close();
      redis.disconnect();
    },
  };
}

/** `0-3` or `0,2,5` → shard ids; undefined → null (all). */
export function parseShards(value: string | undefined): number[] | null {
  if (value === undefined || value.trim() === '') return null;
  const ids: number[] = [];
  for (const part of value.split(',')) {
    const [from, to] = part.split('-').map((n) => Number(n.trim()));
    if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) {
      throw new ClusterError(
        'ZRX_CLUSTER_CONFIG',
        `ZORYX_SHARDS "${value}" is not a list or range of shard ids.`,
      );
    }
    for (let id = from!; id <= (to ?? from!); id += 1) ids.push(id);
  }
  return ids;
}

/** How long a worker's clean stop may take before it stops anyway, ms. */
const WORKER_STOP_BOUND_MS = 10_000;
/** See the `releaseAfterMs` option of {@link startWorkerRole}. */
const RELEASE_AFTER_MS = 2_000;

/** A running worker process. */
export interface RunningWorker {
  bot: ZoryxClient;
  link: WorkerLink;
  /** Extension load/unload/reload and settings invalidation shared with the other workers. */
  sync: ClusterSync;
  close(): Promise<void>;
}

/**
 * Runs the worker role: the bot of `cwd`, its gateway replaced by the cluster (snapshot from
 * Redis, then the streams). Its local data (store, logs) goes to `<data>/workers/<processId>` so
 * several workers can share a folder; shared data belongs in PostgreSQL (`ZORYX_DATABASE_URL`).
 */
export async function startWorkerRole(
  options: RoleOptions & {
    /** How long `close()` may take before it gives up waiting on the bot, ms. Default 10,000. */
    stopBoundMs?: number;
    /**
     * How long `close()` lets commands in progress finish before it gives the unfinished ones
     * back to the other workers, ms. Default 2,000.
     */
    releaseAfterMs?: number;
  },
): Promise<RunningWorker> {
  const processId = processIdOf('worker', options);
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const answers = new AnswerTracker();
  const link = new WorkerLink({
    redis,
    processId,
    settled: (event) => answers.settled(event),
    ...(options.prefix ? { prefix: options.prefix } : {}),
  });
  // The `cluster` extension of this worker's bot finds the cluster through this link.
  const unlink = linkClusterProcess({
    role: 'worker',
    redis,
    prefix: options.prefix ?? 'zoryx',
    processId,
    bus: link.bus,
  });
  const [layout, { createBot, loadConfig }, internals] = await Promise.all([
    link.layout(),
    import('@zoryx/framework'),
    import('@zoryx/framework/internals'),
  ]);
  const { config } = await loadConfig({ path: resolve(options.cwd, 'config.json') });
  const bot = await createBot({
    cwd: options.cwd,
    ...(options.env ? { env: options.env } : {}),
    config: {
      ...config,
      data: { ...config.data, dir: join(config.data.dir, 'workers', processId) },
    },
    clientOptions: link.clientOptions(layout),
    handleSignals: false,
  });
  bot.rest.on('response', (request, response) => answers.onResponse(request, response.status));
  answers.watch(bot);
  // Intake limits and cooldowns hold for the whole bot, not once per worker.
  shareLimits(bot, { redis, prefix: options.prefix ?? 'zoryx' });
  // So are extension settings changed at run time (seeded before the extensions load).
  const settings = new ExtensionConfigSync({
    bot,
    redis,
    prefix: options.prefix ?? 'zoryx',
    processId,
    onError: (error) => bot.zoryxLogger.error({ err: error }, 'extension settings sync failed'),
  });
  await settings.seed();
  await bot.start();
  // Read by name: a framework build older than `settingsSync` has none (extensions still sync).
  const { settingsSync } = internals as { settingsSync?: SettingsSyncLike };
  const sync = new ClusterSync({
    bot,
    redis,
    prefix: options.prefix ?? 'zoryx',
    processId,
    ...(settingsSync ? { settings: settingsSync } : {}),
    onError: (error) => bot.zoryxLogger.error({ err: error }, 'cluster sync failed'),
  });
  await sync.start();
  await settings.start();
  return {
    bot,
    link,
    sync,
    async close() {
      // Bounded, every step: with the Discord API gone, replies in flight retry for a long time
      // and the shutdown (and the bus, which waits for handlers in flight) would wait for them.
      // What this worker did not acknowledge is redelivered to another worker.
      // Commands running now get a short grace to finish; what the bot has still not finished
      // then is given back (left unacknowledged) for another worker instead of holding this
      // stop until each event's deadline.
      const grace = setTimeout(() => answers.release(), options.releaseAfterMs ?? RELEASE_AFTER_MS);
      const stopping = (async () => {
        await settings.stop();
        await sync.stop();
        unlink();
        await bot.shutdown('worker stopping');
      })();
      let bound: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        bound = setTimeout(() => resolve('late'), options.stopBoundMs ?? WORKER_STOP_BOUND_MS);
      });
      const outcome = await Promise.race([stopping.catch(() => undefined), late]);
      clearTimeout(bound);
      clearTimeout(grace);
      if (outcome === 'late') {
        bot.zoryxLogger.error(
          {
            err: new ClusterError(
              'ZRX_CLUSTER_SHUTDOWN_TIMEOUT',
              `The worker did not stop within ${options.stopBoundMs ?? WORKER_STOP_BOUND_MS} ms; stopping anyway.`,
            ),
          },
          'worker stop timed out',
        );
      }
      redis.disconnect();
    },
  };
}

/**
 * `zoryx start --role gateway|worker`: runs the role for the bot in `cwd`, configured by
 * `ZORYX_REDIS_URL` (required), `ZORYX_DATABASE_URL` (PostgreSQL, for workers), `ZORYX_SHARDS`,
 * `ZORYX_SHARD_COUNT` and `ZORYX_CLUSTER_PREFIX`; stops cleanly on SIGINT/SIGTERM. Resolves when
 * the role has stopped.
 */
export async function runClusterRole(
  role: Exclude<ClusterRole, 'all'>,
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const env = options.env ?? process.env;
  const redisUrl = env.ZORYX_REDIS_URL?.trim();
  if (!redisUrl) {
    throw new ClusterError(
      'ZRX_CLUSTER_CONFIG',
      `zoryx start --role ${role} needs ZORYX_REDIS_URL.`,
    );
  }
  // The crash-loop breaker: this process only restarts the role's process (see restartOnCrash);
  // ZORYX_ROLE_RESTART=0 runs the role here, for a system that restarts processes itself.
  if (env.ZORYX_ROLE_CHILD !== '1' && env.ZORYX_ROLE_RESTART !== '0') {
    await restartOnCrash({ start: () => startSelfAgain(env) });
    return;
  }
  const common = {
    cwd: resolve(options.cwd),
    redisUrl,
    env,
    ...(env.ZORYX_CLUSTER_PREFIX ? { prefix: env.ZORYX_CLUSTER_PREFIX } : {}),
  };
  let running: RunningGateway | RunningWorker;
  try {
    running = role === 'gateway' ? await startGatewayRole(common) : await startWorkerRole(common);
  } catch (error) {
    // A role that failed to start may still hold connections (Redis, PostgreSQL) that would keep
    // this process alive; it must exit so its restarter sees the crash. The caller reports the
    // error first.
    setTimeout(() => process.exit(1), 1_000).unref();
    throw error;
  }
  const lost = 'lost' in running ? running.lost : new Promise<never>(() => undefined);
  const outcome = await new Promise<ClusterError | undefined>((done) => {
    const stop = (reason?: ClusterError) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      void running.close().finally(() => done(reason));
    };
    const onSignal = () => stop();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    void lost.then(stop);
  });
  // Whatever a bounded close left open (a database pool, a socket) must not keep the process up.
  setTimeout(() => process.exit(outcome ? 1 : 0), 1_000).unref();
  // A gateway whose shards a standby took ends as a crash: its restarter brings it back.
  if (outcome) throw outcome;
}
