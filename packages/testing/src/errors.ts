/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * `createTestBot()` and the `TestBot` it returns throw {@link TestingError} with these codes. An
 * invalid `config.json` in the bot folder throws the framework's `ZRX_CONFIG_JSON` /
 * `ZRX_CONFIG_INVALID`.
 *
 * @remarks The single source of these codes: {@link TestingErrorCode} is derived from its keys, a
 * {@link TestingError} without its own hint takes the one here, and docs/errors.md is generated
 * from it (`node scripts/errors-doc.mjs`).
 */
export const testingErrorCatalogue = {
  ZRX_TESTING_DIR: {
    meaning: '`dir` is not an existing folder',
    hint: "Pass the bot's folder (the one with `config.json` and `extensions/`), e.g. `resolve(import.meta.dirname, '..')`.",
  },
  ZRX_TESTING_FILE_PATH: {
    meaning: 'a `files` key or a `write()` path is absolute, empty or leaves the bot folder',
    hint: 'Use a relative path such as `extensions/greeter/index.ts`.',
  },
  ZRX_TESTING_BUILTINS_MISSING: {
    meaning:
      '`builtins` was given but `@zoryx/builtins` resolves neither from the bot folder nor from `process.cwd()` (the message lists both)',
    hint: "Install `@zoryx/builtins` in the bot's folder or as a devDependency of the package whose tests call `createTestBot`.",
  },
  ZRX_TESTING_BUILTINS_UNBUILT: {
    meaning:
      '`@zoryx/builtins` is installed but `@zoryx/builtins/<name>` does not resolve (not built, too old, or an unknown name)',
    hint: 'Build it (`pnpm --filter @zoryx/builtins build`) or reinstall it; the built-ins are core, registry, hooks, diagnostics, limits.',
  },
  ZRX_TESTING_BOOT_FAILED: {
    meaning:
      "extensions failed to load when the test bot booted; the message has the loader's boot summary",
    hint: 'Fix the errors shown (`ZORYX_TEST_LOG=debug` prints the logs), or pass `allowFailedExtensions: true` to test a failing boot.',
  },
  ZRX_TESTING_IN_PLACE: {
    meaning: '`write()` was called on a test bot that runs in the given `dir` in place',
    hint: 'Pass `files` or `copy: true` to `createTestBot`, so the bot runs in a temp copy of the folder.',
  },
  ZRX_TESTING_CLOSED: {
    meaning:
      '`bot`, `report`, `restart()`, `createWorld()` or `write()` was used after `close()` (or `bot` while a restart is under way)',
    hint: 'Use the test bot between `createTestBot()` and `close()`; create a new one otherwise.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every stable error code `@zoryx/testing` throws: the keys of {@link testingErrorCatalogue}. */
export type TestingErrorCode = keyof typeof testingErrorCatalogue;

/**
 * The error class of `@zoryx/testing`: a stable `code`, a message naming what was wrong and
 * where, and a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await createTestBot({ builtins: ['core'] }); }
 * catch (error) { if (error instanceof TestingError) console.error(error.code, error.hint); }
 * ```
 */
export class TestingError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_TESTING_BUILTINS_MISSING`. */
  public readonly code: TestingErrorCode;
  /** A concrete next step for the person who sees the error. */
  public readonly hint: string;

  /** Creates an error with the catalogue's hint, appended to the message so test output shows it. */
  public constructor(code: TestingErrorCode, message: string, options?: { cause?: unknown });
  /** `hint` names a concrete fix for this case; `undefined` takes the catalogue's hint. */
  public constructor(
    code: TestingErrorCode,
    message: string,
    hint: string | undefined,
    options?: { cause?: unknown },
  );
  public constructor(
    code: TestingErrorCode,
    message: string,
    hintOrOptions?: string | { cause?: unknown },
    options?: { cause?: unknown },
  ) {
    const hint =
      typeof hintOrOptions === 'string' ? hintOrOptions : testingErrorCatalogue[code].hint;
    super(`${message}\nHint: ${hint}`, typeof hintOrOptions === 'object' ? hintOrOptions : options);
    this.name = 'TestingError';
    this.code = code;
    this.hint = hint;
  }
}
