/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Thrown as {@link LoaderError} (with `code`, `hint`, `extension`) and recorded in
 * `host.status()[i].lastError`.
 *
 * @remarks The single source of these codes: {@link LoaderErrorCode} is derived from its keys, a
 * {@link LoaderError} without its own hint takes the one here, and docs/errors.md is generated
 * from it (`node scripts/errors-doc.mjs`).
 */
export const loaderErrorCatalogue = {
  ZRX_EXT_NOT_FOUND: {
    meaning:
      '`load(name)` found no `extensions/<name>/index.(ts|js)`, `extensions/<name>.(ts|js)` or listed package of that name; or a listed npm package cannot be resolved.',
    hint: 'Create the folder or file, or install the package (`npm install <pkg>`) and check the name in the packages list.',
  },
  ZRX_EXT_DISCOVERY: {
    meaning:
      'A discovered name was normalised (whitespace → `-`), with a warning; or a `HotReloader` was created for a host without `directory`.',
    hint: 'Rename the folder/file to the normalised name; pass `directory` to the host before creating the reloader.',
  },
  ZRX_EXT_DUPLICATE: {
    meaning:
      'Two sources produce the same extension name (e.g. `economy/index.ts` and `economy.ts`, or two files whose definitions share a `name`). The first (folder, then file, then package) is used.',
    hint: 'Delete or rename one of the two; the message names both paths.',
  },
  ZRX_EXT_BLACKLISTED: {
    meaning: 'The extension is on the blacklist: skipped at boot, refused by `load(name)`.',
    hint: 'Remove it from the blacklist to load it.',
  },
  ZRX_EXT_COMPILE: {
    meaning:
      'esbuild could not compile the extension (syntax or type-stripping error, missing relative import); the message has `file:line:column`. During hot reload this is also what a half-written save produces: it is retried on the next change.',
    hint: 'Fix the code at the location shown.',
  },
  ZRX_EXT_EVALUATE: {
    meaning:
      'The compiled module threw while its top level ran (an import that is not installed, code outside `setup`).',
    hint: 'Move side effects into `setup(ctx)`; install missing packages next to the extension.',
  },
  ZRX_EXT_INVALID_DEFINITION: {
    meaning:
      'The entry does not default-export a valid definition: every bad field is listed (`name`, `version`, `dependencies`, `setup` not a function, `config` not a Standard Schema, …).',
    hint: '`export default defineExtension({ name, version, setup })` and fix the listed fields.',
  },
  ZRX_EXT_NAME_MISMATCH: {
    meaning: 'A reload produced an extension with a different `name` than the one running.',
    hint: 'Keep the name, or unload the old name and load the new one.',
  },
  ZRX_EXT_CONFIG_INVALID: {
    meaning: "The extension's config input failed its schema; every failing path is named.",
    hint: "Fix those keys in the extension's config section, or remove them to get the schema's defaults.",
  },
  ZRX_EXT_RESOLVE: {
    meaning:
      "`@zoryx/resolver` refused the extension (missing or out-of-range dependency, conflict, cycle); the message is the resolver's causal explanation.",
    hint: 'Install, upgrade or remove the extensions it names, or switch the enforcement toggle off.',
  },
  ZRX_EXT_DEPENDENCY_FAILED: {
    meaning:
      'A required dependency failed or was skipped at runtime, so the dependent was skipped (the message names the dependency and its error). It loads once the dependency does.',
    hint: 'Fix the dependency first.',
  },
  ZRX_EXT_SETUP_FAILED: {
    meaning:
      "`setup(ctx)` (or the host's `afterSetup`) threw; everything it had registered was released. The thrown error is the `cause`; when it carries its own `ZRX_*` code (e.g. the framework's `ZRX_PIECE_CONFLICT` from `afterSetup`), the message names it, `status()`'s `lastError.causeCode` holds it and `hint` is its hint.",
    hint: 'Fix the error in setup, or what the host refused (see `causeCode` and `cause`).',
  },
  ZRX_EXT_SETUP_TIMEOUT: {
    meaning:
      '`setup` did not finish within `setupTimeoutMs` (default 10 s); the extension was released, the others continue.',
    hint: 'Start long work in the background (`ctx.schedule`, not awaited) or raise `setupTimeoutMs`.',
  },
  ZRX_EXT_TEARDOWN_FAILED: {
    meaning:
      '`teardown` threw or timed out, or a disposer failed, during unload; logged, and everything was released anyway.',
    hint: 'Fix `teardown(ctx)` or the failing disposer.',
  },
  ZRX_EXT_ALREADY_LOADED: {
    meaning: '`load(name)` for an extension that is running.',
    hint: 'Use `reload(name)`.',
  },
  ZRX_EXT_NOT_LOADED: {
    meaning: '`unload(name)` for an extension that is not running.',
    hint: 'Check `status()`; load it first.',
  },
  ZRX_EXT_NOT_DISPOSABLE: {
    meaning:
      '`ctx.own(value)` got a value with no `[Symbol.dispose]`, `[Symbol.asyncDispose]`, `dispose()`, `close()` or `destroy()`, and not a function.',
    hint: 'Pass a function, or register cleanup with `ctx.onDispose(() => …)`.',
  },
  ZRX_EXT_RELOAD_FAILED: {
    meaning:
      'A reload failed at some extension (compile, validate, resolve or setup): the previous versions were restored and keep running; `extension_reload_failed` was emitted and `lastError` is set. The message names the culprit and the underlying code.',
    hint: 'Fix the named extension and save again (hot reload retries on the next change).',
  },
  ZRX_EXT_ROLLBACK_FAILED: {
    meaning:
      "After a failed reload, an old version's setup also failed on restore; that extension is left unloaded (state `failed`).",
    hint: 'Fix it and `reload(name)`.',
  },
  ZRX_EXT_SCOPE_CLOSED: {
    meaning:
      'Something was registered through `ctx` (hook, timer, disposer) after the extension was unloaded or its setup timed out; it was released immediately.',
    hint: 'Register during setup; stop background work when `ctx.signal` aborts.',
  },
  ZRX_EXT_INVALID_DURATION: {
    meaning: '`ctx.schedule.every/after` got a negative, non-finite or unreadable duration.',
    hint: "Use milliseconds or a string like `'500ms'`, `'10s'`, `'1h'`, `'1d'`.",
  },
  ZRX_EXT_INVALID_CRON: {
    meaning: '`ctx.schedule.cron` got a pattern croner cannot read.',
    hint: "Use 5 fields (`minute hour day month weekday`, e.g. `'0 3 * * *'`) or 6 with seconds first.",
  },
  ZRX_EXT_API_UNAVAILABLE: {
    meaning:
      '`ctx.extensions.require(name)` for an extension that is not loaded or returned no API from setup.',
    hint: 'Declare it in `dependencies` so it loads first, and return its API from `setup`.',
  },
  ZRX_EXT_HOST_CLOSED: {
    meaning: 'An operation was called after `host.close()`.',
    hint: 'Create a new `ExtensionHost`.',
  },
  ZRX_EXT_QUARANTINED: {
    meaning:
      'The extension is quarantined (`host.quarantine(name, reason)`, e.g. by the framework after repeated faults): it was unloaded, and `load`, `reload`, hot reload and every boot skip it (without evaluating its code) until the quarantine is lifted. Its status has state `quarantined`, this code and the reason.',
    hint: 'Fix what kept failing (the log lines of its faults carry the extension name and an error id), then `host.unquarantine(name)` (the built-in `/extensions unquarantine:<name>`).',
  },
  ZRX_EXT_NOT_QUARANTINED: {
    meaning: '`unquarantine(name)` for an extension that is not quarantined.',
    hint: 'Check `status()`: only extensions in state `quarantined` can be unquarantined.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every code the loader throws or reports: the keys of {@link loaderErrorCatalogue}. */
export type LoaderErrorCode = keyof typeof loaderErrorCatalogue;

/** What a {@link LoaderError} can be built from. */
export interface LoaderErrorInit {
  /** The extension the error is about, when there is one. */
  extension?: string;
  /** The underlying error (a syntax error, what setup threw, …). */
  cause?: unknown;
}

/**
 * The loader's only error class: a stable `code`, a message naming what was wrong and where, and
 * a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await host.load('economy'); } catch (error) {
 *   if (error instanceof LoaderError) console.error(error.code, error.message, error.hint);
 * }
 * ```
 */
export class LoaderError extends Error {
  override readonly name = 'LoaderError';
  /** Stable machine-readable code, `ZRX_EXT_*`. */
  readonly code: LoaderErrorCode;
  /** A concrete next step for the person who sees the error. */
  readonly hint: string;
  /** The extension the error is about, if any. */
  readonly extension: string | undefined;

  /** Takes the catalogue's hint for `code`. */
  constructor(code: LoaderErrorCode, message: string, init?: LoaderErrorInit);
  /** `hint` names a concrete fix for this case; `undefined` takes the catalogue's hint. */
  constructor(
    code: LoaderErrorCode,
    message: string,
    hint: string | undefined,
    init?: LoaderErrorInit,
  );
  constructor(
    code: LoaderErrorCode,
    message: string,
    hintOrInit?: string | LoaderErrorInit,
    moreInit: LoaderErrorInit = {},
  ) {
    const init = typeof hintOrInit === 'object' ? hintOrInit : moreInit;
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.hint = typeof hintOrInit === 'string' ? hintOrInit : loaderErrorCatalogue[code].hint;
    this.extension = init.extension;
  }
}

/** Renders anything that was thrown as one line, for logs, status and boot summaries. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}

/** How deep {@link zoryxCauseCode} follows `cause` links (a guard against cycles). */
const MAX_CAUSE_DEPTH = 8;

/**
 * The `ZRX_*` code of the deepest error in `error`'s cause chain that carries one, e.g. the
 * framework's `ZRX_PIECE_CONFLICT` behind a `ZRX_EXT_SETUP_FAILED`. A LoaderError's own code is
 * not counted (it is already `code`); any other error's own code is, since the loader only
 * classified it. `undefined` when no error in the chain has a string `ZRX_*` code.
 */
export function zoryxCauseCode(error: unknown): string | undefined {
  let found: string | undefined;
  let current: unknown = error instanceof LoaderError ? error.cause : error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && isErrorLike(current); depth += 1) {
    if (typeof current.code === 'string' && current.code.startsWith('ZRX_')) found = current.code;
    current = current.cause;
  }
  return found;
}

/** The `hint` an error carries (Zoryx errors all have one), if it is a non-empty string. */
export function hintOf(error: unknown): string | undefined {
  return isErrorLike(error) && typeof error.hint === 'string' && error.hint !== ''
    ? error.hint
    : undefined;
}

function isErrorLike(value: unknown): value is { code?: unknown; hint?: unknown; cause?: unknown } {
  return typeof value === 'object' && value !== null;
}
