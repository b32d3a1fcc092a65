/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * `startSupervisor` and the `Supervisor` throw {@link SupervisorError}; worker faults are not
 * thrown but logged (`data.code`) and reported as `worker_stalled` / `worker_crashed` events,
 * with the restart.
 *
 * @remarks The single source of these codes: {@link SupervisorErrorCode} is derived from its
 * keys, a {@link SupervisorError} without its own hint takes the one here, and docs/errors.md is
 * generated from it (`node scripts/errors-doc.mjs`).
 */
export const supervisorErrorCatalogue = {
  ZRX_SUPERVISOR_OPTIONS_INVALID: {
    meaning:
      "an option of `startSupervisor` is missing or out of range (no token, a relative `entry` path, a non-positive limit, intents that are not a bitfield — the message names it), or the worker's client asks for shards the supervisor does not hold",
    hint: "Pass the value the message asks for, or leave the option out for its default; build the worker's client from `relay.clientOptions()` without overriding `shards`.",
  },
  ZRX_SUPERVISOR_PROTOCOL_INVALID: {
    meaning:
      "a relay message (either direction) or a worker's start data failed validation; logged, the message is ignored",
    hint: 'Run the supervisor and the worker from the same `@zoryx/supervisor` installation; report it if they are.',
  },
  ZRX_SUPERVISOR_PROTOCOL_VERSION: {
    meaning: 'a relay message carries another protocol version than this end speaks',
    hint: 'Run both ends from the same `@zoryx/supervisor` version.',
  },
  ZRX_SUPERVISOR_ENTRY_INVALID: {
    meaning:
      "the worker's entry module has no default export function (reported as the worker's `failed` error)",
    hint: 'Export `default async function (relay) { …; return bot; }` from the entry.',
  },
  ZRX_SUPERVISOR_WORKER_START_FAILED: {
    meaning:
      "the first worker did not become ready: its entry failed to load or start, it crashed, blocked or timed out; `startSupervisor` rejects (the cause is the worker's error) and closes the session",
    hint: 'Run the entry on its own to see the error; it must export a default function that starts the bot.',
  },
  ZRX_SUPERVISOR_GATEWAY_FAILED: {
    meaning:
      'GET /gateway/bot or the gateway connection failed at start (a wrong token, an unreachable `apiBase`)',
    hint: 'Check the token (a 401 means it is wrong), `apiBase`, and the intents the application may use.',
  },
  ZRX_SUPERVISOR_CLOSED: {
    meaning:
      '`restartWorker()` was called before the supervisor started or after `close()`; also the rejection of a pending start when it closes',
    hint: 'Call it between `startSupervisor()` resolving and `close()`.',
  },
  ZRX_SUPERVISOR_NOT_SUPERVISED: {
    meaning:
      'the worker bootstrap (`worker-main`) ran outside a worker started by the supervisor, or the relay was read before the supervisor started the worker',
    hint: 'Start the bot with `startSupervisor({ entry })`; `setActivity` outside a supervised worker is a no-op, not an error.',
  },
  ZRX_SUPERVISOR_SEND_REFUSED: {
    meaning:
      "logged: the worker asked to send a gateway opcode only the session's owner may send (IDENTIFY, RESUME, HEARTBEAT) or to a shard not held; nothing was sent",
    hint: 'Only presence updates, voice state updates and member requests go through the relay; the supervisor keeps the session.',
  },
  ZRX_SUPERVISOR_BUFFER_OVERFLOW: {
    meaning:
      'logged: the buffer of events waiting for a worker passed `buffer.maxEvents` or `buffer.maxBytes` and the oldest events were dropped (their state changes are still applied to the cache)',
    hint: 'Find why no worker serves for so long (`worker_crashed` events, backoff), or raise the buffer limits.',
  },
  ZRX_SUPERVISOR_WORKER_STALLED: {
    meaning:
      "logged with `worker_stalled`: the worker's event loop did not turn for `watchdog.blockedMs` (default 5 s); it is terminated and replaced. `activity` names what it ran (`setActivity`), if anything",
    hint: 'Find the synchronous loop in the named extension/command; move CPU-heavy work off the event loop, or raise `blockedMs`.',
  },
  ZRX_SUPERVISOR_WORKER_CRASHED: {
    meaning:
      'logged with `worker_crashed`: the worker ended by an uncaught exception, an unhandled rejection, `process.exit`, its entry failing, or not becoming ready within `watchdog.startTimeoutMs`; it is replaced after the backoff',
    hint: 'Read the `error` (stack included) and `activity`; fix the throwing code or catch its errors.',
  },
  ZRX_SUPERVISOR_WORKER_OUT_OF_MEMORY: {
    meaning:
      "logged with `worker_crashed` (reason `memory`): the worker's heap reached `watchdog.memoryMb`; it is replaced",
    hint: 'Look for unbounded caches or leaks in the named `activity`, or raise `memoryMb`.',
  },
  ZRX_SUPERVISOR_SHUTDOWN_TIMEOUT: {
    meaning:
      'logged: a worker asked to shut down (restart or close) did not finish within `shutdownTimeoutMs` (default 10 s) and was terminated',
    hint: "Make the bot's `shutdown()` faster (extension teardown, database backup), or raise `shutdownTimeoutMs`.",
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every code a {@link SupervisorError} carries, thrown or logged: the keys of {@link supervisorErrorCatalogue}. */
export type SupervisorErrorCode = keyof typeof supervisorErrorCatalogue;

/**
 * The one error class of `@zoryx/supervisor`: a stable `code`, a message naming what was wrong
 * and where, and a `hint` with a concrete fix. The codes of worker faults (`…_STALLED`,
 * `…_CRASHED`, `…_OUT_OF_MEMORY`) are logged with the restart, not thrown.
 *
 * @example
 * ```ts
 * try { await startSupervisor({ entry, token }); }
 * catch (e) { if (e instanceof SupervisorError) console.error(e.code, e.hint); }
 * ```
 */
export class SupervisorError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_SUPERVISOR_OPTIONS_INVALID`. */
  public readonly code: SupervisorErrorCode;
  /** A concrete suggestion for fixing the problem. */
  public readonly hint: string;

  /** Creates an error with the catalogue's hint; `cause` keeps the underlying error. */
  public constructor(code: SupervisorErrorCode, message: string, options?: { cause?: unknown });
  /** `hint` names a concrete fix for this case; `undefined` takes the catalogue's hint. */
  public constructor(
    code: SupervisorErrorCode,
    message: string,
    hint: string | undefined,
    options?: { cause?: unknown },
  );
  public constructor(
    code: SupervisorErrorCode,
    message: string,
    hintOrOptions?: string | { cause?: unknown },
    moreOptions: { cause?: unknown } = {},
  ) {
    const options = typeof hintOrOptions === 'object' ? hintOrOptions : moreOptions;
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SupervisorError';
    this.code = code;
    this.hint =
      typeof hintOrOptions === 'string' ? hintOrOptions : supervisorErrorCatalogue[code].hint;
  }
}

/** Describes any thrown value in one line (workers may throw strings or plain objects). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return `non-Error thrown: ${JSON.stringify(error) ?? String(error)}`;
  } catch {
    return `non-Error thrown: ${Object.prototype.toString.call(error)}`;
  }
}
