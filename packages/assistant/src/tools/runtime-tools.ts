import { asToolOutput } from './tool-output.js';
import { NO_PARAMETERS, oneString, optionalStringArg, type ReadTool } from './tool-types.js';

/** `hook_metrics`: every hook with calls, failures, timing and circuit-breaker state. */
export const hookMetricsTool: ReadTool = {
  kind: 'read',
  name: 'hook_metrics',
  description:
    'Event hooks: per hook its event, owner extension, enabled flag, circuit-breaker state, calls, failures, timeouts, average/p95 time and last error; plus the bus queue statistics.',
  parameters: NO_PARAMETERS,
  permission: 'owner',
  run(_args, { bot }) {
    const stats = bot.hooks.stats();
    return asToolOutput({
      bus: {
        queued: stats.queued,
        capacity: stats.capacity,
        dropped: stats.dropped,
        dispatched: stats.dispatched,
        dispatcherRestarts: stats.dispatcherRestarts,
      },
      hooks: bot.hooks.hooks().map((h) => ({
        id: h.id,
        event: h.event,
        owner: h.owner,
        enabled: h.enabled,
        breaker: h.breaker,
        calls: h.metrics.calls,
        failures: h.metrics.failures,
        timeouts: h.metrics.timeouts,
        avgMs: Math.round(h.metrics.avgDurationMs * 10) / 10,
        p95Ms: Math.round(h.metrics.p95DurationMs * 10) / 10,
        lastError: h.metrics.lastError?.message,
      })),
    });
  },
};

/** `diagnostics`: process health, extension states and the command error count. */
export const diagnosticsTool: ReadTool = {
  kind: 'read',
  name: 'diagnostics',
  description:
    'Bot health: uptime, memory, gateway latency, guild count, extensions by state with load times, and how many command errors were seen recently.',
  parameters: NO_PARAMETERS,
  permission: 'owner',
  run(_args, { bot, errors }) {
    const memory = process.memoryUsage();
    const extensions = bot.extensions.status();
    const hourAgo = Date.now() - 3_600_000;
    return asToolOutput({
      uptimeSeconds: Math.round(process.uptime()),
      memoryMb: {
        rss: Math.round(memory.rss / 1048576),
        heapUsed: Math.round(memory.heapUsed / 1048576),
      },
      gatewayPingMs: bot.ws.ping,
      guilds: bot.guilds.cache.size,
      extensions: extensions.map((s) => ({
        name: s.name,
        state: s.state,
        loadTimeMs: s.loadTimeMs === null ? null : Math.round(s.loadTimeMs),
      })),
      commandErrorsLastHour: errors.list().filter((e) => e.at >= hourAgo).length,
    });
  },
};

/** `recent_errors`: the last command errors, or one by its error id. */
export const recentErrorsTool: ReadTool = {
  kind: 'read',
  name: 'recent_errors',
  description:
    'Recent command errors (newest first) with error id, command, error code and message; pass error_id (the id a user saw in an error reply) to get that one.',
  parameters: oneString(
    'error_id',
    'An error id such as "7K3QX9PM"; omit for the latest errors',
    false,
  ),
  permission: 'owner',
  run(args, { errors }) {
    const id = optionalStringArg(args, 'error_id')?.toUpperCase();
    const all = errors.list();
    const list =
      id === undefined ? all.slice(0, 10) : all.filter((e) => e.errorId.toUpperCase() === id);
    if (id !== undefined && list.length === 0) {
      return `No recent error with id ${id} (the assistant remembers the last ${all.length} command errors since it loaded).`;
    }
    return asToolOutput(list.map((e) => ({ ...e, at: new Date(e.at).toISOString() })));
  },
};

/** `storage_stats`: the store, the databases and command usage. */
export const storageStatsTool: ReadTool = {
  kind: 'read',
  name: 'storage_stats',
  description:
    'Storage statistics: the atomic file store (cache, reads, writes, failures, health), the guild database pool, migrations and backups, the settings cache, and the most used commands.',
  parameters: NO_PARAMETERS,
  permission: 'owner',
  async run(_args, { bot }) {
    const usage = await bot.commandStats();
    return asToolOutput({
      store: bot.store.stats(),
      databases: bot.db.stats(),
      frameworkData: bot.dataStats(),
      mostUsedCommands: usage.slice(0, 10),
    });
  },
};
