/**
 * Every code a {@link SupervisorError} carries, thrown or logged. Listed with hints in
 * `docs/errors/supervisor.md`.
 */
export type SupervisorErrorCode =
  | 'ZRX_SUPERVISOR_OPTIONS_INVALID'
  | 'ZRX_SUPERVISOR_PROTOCOL_INVALID'
  | 'ZRX_SUPERVISOR_PROTOCOL_VERSION'
  | 'ZRX_SUPERVISOR_ENTRY_INVALID'
  | 'ZRX_SUPERVISOR_WORKER_START_FAILED'
  | 'ZRX_SUPERVISOR_GATEWAY_FAILED'
  | 'ZRX_SUPERVISOR_CLOSED'
  | 'ZRX_SUPERVISOR_NOT_SUPERVISED'
  | 'ZRX_SUPERVISOR_SEND_REFUSED'
  | 'ZRX_SUPERVISOR_BUFFER_OVERFLOW'
  | 'ZRX_SUPERVISOR_WORKER_STALLED'
  | 'ZRX_SUPERVISOR_WORKER_CRASHED'
  | 'ZRX_SUPERVISOR_WORKER_OUT_OF_MEMORY'
  | 'ZRX_SUPERVISOR_SHUTDOWN_TIMEOUT';

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

  /** Creates an error; `cause` keeps the underlying error (a worker's, the gateway's). */
  public constructor(
    code: SupervisorErrorCode,
    message: string,
    hint: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SupervisorError';
    this.code = code;
    this.hint = hint;
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
