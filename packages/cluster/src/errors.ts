/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Every code `@zoryx/cluster` throws or reports, with when it is reported and its default hint.
 *
 * @remarks The single source of these codes: {@link ClusterErrorCode} is derived from its keys, a
 * {@link ClusterError} without its own hint takes the one here, and docs/errors.md is generated
 * from it (`node scripts/errors-doc.mjs`).
 */
export const clusterErrorCatalogue = {
  ZRX_CLUSTER_CONFIG: {
    meaning:
      'a cluster option is missing or invalid: no Redis URL for a gateway or worker role, an unknown `--role`, a bad stream or group name, a non-positive limit (the message names it)',
    hint: 'Set `ZORYX_REDIS_URL` (e.g. `redis://127.0.0.1:6379`) for `--role gateway|worker`, or run `--role all` (the default) on one host.',
  },
  ZRX_CLUSTER_WIRE: {
    meaning:
      'a bus entry or RPC message failed validation (another wire version, a missing field, JSON that does not parse); it is acknowledged and dropped so it cannot block the stream',
    hint: 'Run every process of the bot from the same `@zoryx/cluster` version.',
  },
  ZRX_CLUSTER_HANDLER: {
    meaning:
      'an event handler threw; the entry stays pending and is redelivered (to this or another worker) after `claimIdleMs`',
    hint: 'Fix the handler the message names; a handler must be safe to run again for the same event id.',
  },
  ZRX_CLUSTER_RPC_UNKNOWN: {
    meaning: 'an RPC names a handler that no process (or not the answering process) registered',
    hint: 'Register the handler with `rpc.handle(name, schema, fn)` on every process before calling it.',
  },
  ZRX_CLUSTER_RPC_PAYLOAD: {
    meaning:
      "an RPC payload or its result failed the handler's zod schema; the handler did not run",
    hint: 'Send the payload the handler declares; the message lists the failing fields.',
  },
  ZRX_CLUSTER_RPC_TIMEOUT: {
    meaning:
      'a process did not answer an RPC within its timeout; the call resolves with the answers that came, and this error for each silent process',
    hint: 'Raise `timeoutMs` for slow handlers, or check the process (`busstatus`) that did not answer.',
  },
  ZRX_CLUSTER_RPC_FAILED: {
    meaning: 'an RPC handler threw on one process; its entry in the results carries this error',
    hint: 'Read the remote message and fix the handler; other processes still answered.',
  },
  ZRX_CLUSTER_SHARD_LEASED: {
    meaning:
      'a gateway asked for a shard whose Redis lease another live gateway holds; two gateways never run one shard',
    hint: 'Give each gateway its own shard range (`--shards 0-7`), or wait for the other gateway to stop (its lease expires after `leaseMs`).',
  },
  ZRX_CLUSTER_LEASE_LOST: {
    meaning:
      'a gateway could not renew a shard lease in time (its event loop or its Redis link stalled longer than `leaseMs`) and another gateway — a standby — took the shard; this gateway stopped publishing and closed its shards so the two never run one shard',
    hint: 'Nothing is lost: the standby RESUMEd the session. Let the restarter bring this process back (it waits as a standby); if it happens often, raise `leaseMs` or find what stalls the process.',
  },
  ZRX_CLUSTER_WORK_RELEASED: {
    meaning:
      "a stopping worker gave back a command it had not finished within the stop's grace period: left unacknowledged, so another worker claims it after `claimIdleMs` (not logged as a handler failure)",
    hint: 'Nothing to do: this is how a rolling restart hands unfinished work over.',
  },
  ZRX_CLUSTER_SHUTDOWN_TIMEOUT: {
    meaning:
      "a worker's clean stop did not finish within its bound (default 10 s): typically replies still retrying against a Discord API that is gone; the worker stops anyway, and what it had not acknowledged is redelivered to another worker",
    hint: 'Nothing to do when the API was down; otherwise look for a handler that never settles.',
  },
  ZRX_CLUSTER_INVALID_REQUEST_LIMIT: {
    meaning:
      "the bot's processes together reached the invalid-request stop (default 9,500 per 10 minutes, below Discord's 10,000 ban threshold); REST calls are refused until the window ends",
    hint: 'Find the requests failing with 401/403/429 (the log names the routes); the stop lifts when the 10-minute window rolls over.',
  },
  ZRX_CLUSTER_CLOSED: {
    meaning: 'the bus, RPC or a lease was used after `close()`',
    hint: 'Create a new one; stop using the old one after `close()`.',
  },
  ZRX_CLUSTER_SHARD_UNKNOWN: {
    meaning:
      'a shard command named a shard id no process of this bot holds (or a negative id other than -1 for "all")',
    hint: 'Run `shardinfo` for the shard ids there are; `shardreset -1` resets every shard.',
  },
  ZRX_CLUSTER_SHARD_RESET_UNSUPPORTED: {
    meaning:
      "`shardreset` cannot reconnect a shard here: this process' discord.js client neither holds the socket (in-process strategy) nor can ask the holder (a supervised worker's relay, a cluster gateway over RPC); the metrics were still reset",
    hint: 'Run the bot with `zoryx start` (supervised), `--no-supervise`, or as `--role gateway|worker`: each of them can reconnect one shard.',
  },
  ZRX_CLUSTER_ALERT_CHANNEL: {
    meaning:
      '`shardalerts` was given a channel the bot cannot post to (not a text channel of this server, or missing View Channel / Send Messages / Embed Links)',
    hint: 'Pick a text channel where the bot may view, send messages and embed links.',
  },
  ZRX_CLUSTER_BROADCAST_UNKNOWN: {
    meaning:
      '`broadcast` named a handler that is not registered (built in: `ping`, `log`; others come from `registerBroadcast` of the cluster extension API)',
    hint: 'Use one of the names `broadcast` lists; register your own with `bot.extensions.get("cluster").registerBroadcast(name, run)`.',
  },
  ZRX_CLUSTER_SYNC: {
    meaning:
      'A worker could not apply an extension load/unload/reload or a settings invalidation another worker announced on the control channel',
    hint: 'Check that every worker runs the same bot folder (the extension exists there) and read the cause in the log line.',
  },
  ZRX_CLUSTER_CRASH_LOOP: {
    meaning:
      'A `zoryx start --role` process crashed too often in a row and its restarter stopped restarting it (the crash-loop breaker)',
    hint: "Read the process' last error above this line, fix it, then start the role again.",
  },
  ZRX_CLUSTER_RATE_STORE: {
    meaning:
      'the Redis rate store (intake limits and cooldowns shared by the workers) could not count a hit: Redis is not connected or the counting script failed; the framework then counts in the worker itself (limits hold per worker until Redis is back)',
    hint: 'Check the Redis server in `ZORYX_REDIS_URL`; nothing else needs doing, the shared limits resume when it answers.',
  },
  ZRX_CLUSTER_CONFIG_SYNC: {
    meaning:
      'an extension settings change (`bot.extensions.configure`) could not be shared through Redis (`<prefix>:extconfig`), or a worker could not apply one another worker made (the extension is unknown there, the settings fail its schema, or its reload failed and was rolled back)',
    hint: 'Read the cause in the log line; check that every worker runs the same bot folder, then `configure` again (the worker that was asked already has the change).',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Stable codes of every error `@zoryx/cluster` throws or reports. */
export type ClusterErrorCode = keyof typeof clusterErrorCatalogue;

/** An error of the cluster layer: a stable `code`, a message, and a `hint` with a fix. */
export class ClusterError extends Error {
  /** The stable error code, listed in docs/errors.md. */
  public readonly code: ClusterErrorCode;
  /** A concrete suggestion to fix the cause. */
  public readonly hint: string;

  /** `hint` overrides the catalogue's; `options.cause` keeps the underlying error. */
  public constructor(
    code: ClusterErrorCode,
    message: string,
    hint?: string,
    options?: ErrorOptions,
  ) {
    const resolved = hint ?? clusterErrorCatalogue[code].hint;
    super(`${message}\nHint: ${resolved}`, options);
    this.name = 'ClusterError';
    this.code = code;
    this.hint = resolved;
  }
}

/** Narrows an unknown thrown value to a {@link ClusterError}, optionally of one code. */
export function isClusterError(error: unknown, code?: ClusterErrorCode): error is ClusterError {
  return error instanceof ClusterError && (code === undefined || error.code === code);
}
