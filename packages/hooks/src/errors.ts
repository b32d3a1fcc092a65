/** Every code a {@link HookError} can carry. Listed with hints in `docs/errors/hooks.md`. */
export type HookErrorCode =
  | 'ZRX_HOOK_INVALID_EVENT'
  | 'ZRX_HOOK_INVALID_HANDLER'
  | 'ZRX_HOOK_INVALID_OPTION'
  | 'ZRX_HOOK_DUPLICATE_ID'
  | 'ZRX_HOOK_UNKNOWN_ID'
  | 'ZRX_HOOK_INVALID_STATE'
  | 'ZRX_HOOK_BUS_CLOSED'
  | 'ZRX_HOOK_RECURSION_LIMIT'
  | 'ZRX_HOOK_TIMEOUT'
  | 'ZRX_HOOK_DISPATCH_CRASHED';

/**
 * The one error class of `@zoryx/hooks`. Errors are values: a stable `code`, a message that
 * names what was wrong and where, and a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { bus.disable('nope'); } catch (e) { if (e instanceof HookError) console.log(e.code, e.hint); }
 * ```
 */
export class HookError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_HOOK_UNKNOWN_ID`. */
  readonly code: HookErrorCode;
  /** A concrete suggestion for fixing the problem. */
  readonly hint: string;
  /** The argument or option that was wrong (`'handler'`, `'options.timeoutMs'`…), when there is one. */
  readonly argument: string | undefined;

  constructor(
    code: HookErrorCode,
    message: string,
    hint: string,
    options: { argument?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HookError';
    this.code = code;
    this.hint = hint;
    this.argument = options.argument;
  }
}

/** Describes any thrown value in one line, so hooks that throw strings or objects stay readable. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return `non-Error thrown: ${JSON.stringify(error) ?? String(error)}`;
  } catch {
    return `non-Error thrown: ${Object.prototype.toString.call(error)}`;
  }
}
