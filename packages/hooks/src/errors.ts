/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Every code a {@link HookError} can carry, with when it is reported and its default hint.
 * `ZRX_HOOK_TIMEOUT` and `ZRX_HOOK_DISPATCH_CRASHED` are recorded (in a hook's outcome, in the
 * dispatch history), not thrown.
 *
 * @remarks The single source of these codes: {@link HookErrorCode} is derived from its keys, a
 * {@link HookError} without its own hint takes the one here, and docs/errors.md is generated from
 * it (`node scripts/errors-doc.mjs`).
 */
export const hookErrorCatalogue = {
  ZRX_HOOK_INVALID_EVENT: {
    meaning: '`on`, `emit` or `emitAndWait` got an event name that is not a non-empty string',
    hint: "Use an event name declared in `HookEvents`, e.g. `'level_up'`.",
  },
  ZRX_HOOK_INVALID_HANDLER: {
    meaning:
      '`on(event, handler)` got a handler that is not a function (the message names the event)',
    hint: 'Pass a function `(payload, ctx) => …`.',
  },
  ZRX_HOOK_INVALID_OPTION: {
    meaning:
      'an option of `new HookBus(options)` or `on(…, options)` is out of range or of the wrong type: negative or zero timeouts, non-integer capacities, a non-function clock… (`argument` names it, e.g. `options.timeoutMs`)',
    hint: 'Pass the value the message asks for, or leave the option out to use its default.',
  },
  ZRX_HOOK_DUPLICATE_ID: {
    meaning:
      "`on` was given (or derived) a hook id that is already registered; the message names the existing hook's event and owner",
    hint: 'Pass a distinct `options.id`, or remove the old hook first (its `off()` or `releaseOwner(owner)`).',
  },
  ZRX_HOOK_UNKNOWN_ID: {
    meaning: '`disable`, `enable` or `resetBreaker` got an id no registered hook has',
    hint: 'Use an id from `bus.hooks()`; default ids are `event:handlerName`.',
  },
  ZRX_HOOK_INVALID_STATE: {
    meaning:
      '`importState` got something that is not a version-1 `exportState()` object; the message names the bad field',
    hint: 'Pass the object `exportState()` returned (JSON round trips are fine), unchanged.',
  },
  ZRX_HOOK_BUS_CLOSED: {
    meaning:
      '`emitAndWait` was called after `close()` (queued `emit`s are dropped with reason `closed` instead)',
    hint: 'Stop emitting once the bus is closed, or create a new `HookBus`.',
  },
  ZRX_HOOK_RECURSION_LIMIT: {
    meaning:
      'hooks nested `emitAndWait` calls deeper than `maxDepth` (default 16), e.g. a hook re-emitting the event that triggers it',
    hint: 'Break the cycle (emit a different event, or use the queued `emit`), or raise `maxDepth`.',
  },
  ZRX_HOOK_TIMEOUT: {
    meaning:
      "recorded (not thrown) as the `error` of a hook outcome whose promise did not settle within its `timeoutMs`; the hook's `ctx.signal` is aborted with it",
    hint: 'Make the hook finish sooner (hand slow work to a queue, honour `ctx.signal`) or raise its `timeoutMs`.',
  },
  ZRX_HOOK_DISPATCH_CRASHED: {
    meaning:
      'recorded in the history for a queued event whose dispatch hit a bug in the bus itself or a throwing injected `clock`; the dispatcher restarted with a `dispatcher_restarted` alert and the event was not retried',
    hint: 'Report it with the `cause`; check a custom `clock` option first.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every code a {@link HookError} can carry: the keys of {@link hookErrorCatalogue}. */
export type HookErrorCode = keyof typeof hookErrorCatalogue;

/** What else a {@link HookError} can carry. */
export interface HookErrorOptions {
  /** The argument or option that was wrong (`'handler'`, `'options.timeoutMs'`…). */
  argument?: string;
  /** The underlying error. */
  cause?: unknown;
}

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

  /** Takes the catalogue's hint for `code`. */
  constructor(code: HookErrorCode, message: string, options?: HookErrorOptions);
  /** `hint` names a concrete fix for this case; `undefined` takes the catalogue's hint. */
  constructor(
    code: HookErrorCode,
    message: string,
    hint: string | undefined,
    options?: HookErrorOptions,
  );
  constructor(
    code: HookErrorCode,
    message: string,
    hintOrOptions?: string | HookErrorOptions,
    moreOptions: HookErrorOptions = {},
  ) {
    const options = typeof hintOrOptions === 'object' ? hintOrOptions : moreOptions;
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HookError';
    this.code = code;
    this.hint = typeof hintOrOptions === 'string' ? hintOrOptions : hookErrorCatalogue[code].hint;
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
