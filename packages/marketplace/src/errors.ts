/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Every error `@zoryx/marketplace` reports (the registry client, the install engine, the
 * `marketplace` extension and the `zoryx ext` commands that print them).
 *
 * @remarks The single source of these codes: {@link MarketplaceErrorCode} is derived from its
 * keys, a {@link MarketplaceError} without its own hint takes the one here, and docs/errors.md is
 * generated from it (`node scripts/errors-doc.mjs`).
 */
export const marketplaceErrorCatalogue = {
  ZRX_MARKET_OFFLINE: {
    meaning:
      'the npm registry could not be reached (network down, DNS, refused connection, timeout) and nothing usable was cached for that request',
    hint: 'Check your connection and the registry in `npm config get registry` (or `npm_config_registry`); cached search and info results are used when there are some.',
  },
  ZRX_MARKET_REGISTRY: {
    meaning:
      'the registry answered with an error status (other than 404) or a body that is not the npm registry format',
    hint: 'Check the registry URL and your credentials in `.npmrc`; `npm view <name>` shows what npm itself gets.',
  },
  ZRX_MARKET_NOT_FOUND: {
    meaning:
      'the package does not exist on the configured registry, or no published version matches the requested range',
    hint: 'Check the name with `zoryx ext search <text>`, and the versions with `zoryx ext info <name>`.',
  },
  ZRX_MARKET_NOT_AN_EXTENSION: {
    meaning:
      'the package exists but is not a Zoryx extension: no `zoryx-extension` keyword, or its entry does not default-export a valid `defineExtension` definition (checked in the sandbox, setup never runs)',
    hint: 'Only packages with the `zoryx-extension` keyword whose entry default-exports `defineExtension({...})` can be added; `zoryx ext publish-check` tells an author what is missing.',
  },
  ZRX_MARKET_REFUSED: {
    meaning:
      '`@zoryx/resolver` refused the package against what is loaded (a missing or out-of-range dependency, a conflict, a cycle); nothing was written',
    hint: 'Read the explanation: add the missing dependency first, remove the conflicting extension, or pick another version.',
  },
  ZRX_MARKET_BUSY: {
    meaning:
      "another marketplace operation holds the bot folder's lock (`data/marketplace/operation.lock`); operations run one at a time",
    hint: 'Wait for it to finish. A lock left by a process that no longer runs is taken over automatically.',
  },
  ZRX_MARKET_BOT_FOLDER: {
    meaning:
      'the folder is not a bot folder: `package.json` or `config.json` is missing or is not valid JSON',
    hint: 'Run the command in your bot folder (or pass `--cwd <dir>`).',
  },
  ZRX_MARKET_INSTALL_FAILED: {
    meaning:
      "the bot's package manager (npm or pnpm) failed to install, update or uninstall the package; package.json, the lockfile and config.json were restored byte for byte",
    hint: "Its output is in the message; try `npm view <name>` and check the registry. Nothing of the bot's files changed.",
  },
  ZRX_MARKET_LOAD_FAILED: {
    meaning:
      'the running bot could not load (or reload) the extension after it was installed; the install was rolled back (package.json, lockfile and config.json byte-identical)',
    hint: 'The cause (the loader error) is in the message; report it to the package author.',
  },
  ZRX_MARKET_BOT_TIMEOUT: {
    meaning:
      'the running bot did not answer a load/unload request in `data/marketplace/requests/` in time (it is busy, stuck, or its `marketplace` extension is not loaded); the operation was rolled back',
    hint: "Check the bot's log; make sure `@zoryx/marketplace` is in config.json `extensions.packages` so the bot listens for marketplace requests.",
  },
  ZRX_MARKET_NOT_INSTALLED: {
    meaning:
      'update, pin, unpin or remove named a package that is not in config.json `extensions.packages`',
    hint: 'See what is installed with `zoryx ext list`.',
  },
  ZRX_MARKET_ALREADY_INSTALLED: {
    meaning: '`add` named a package that is already in config.json `extensions.packages`',
    hint: 'Use `zoryx ext update <name>` to move it to another version.',
  },
  ZRX_MARKET_PINNED: {
    meaning: '`update` was asked for a pinned package',
    hint: 'Unpin it first with `zoryx ext unpin <name>`.',
  },
  ZRX_MARKET_CONFIRM: {
    meaning:
      'removing the package also removes the extensions that depend on it, and that was not confirmed (no `--yes`, and no terminal to ask on)',
    hint: 'Run it again with `--yes` to remove the dependents too, or remove them first.',
  },
  ZRX_MARKET_INVALID_SPEC: {
    meaning:
      'a package spec is not `<name>` or `<name>@<range>` with a valid npm name and semver range',
    hint: 'Use e.g. `zoryx ext add zoryx-tickets` or `zoryx ext add @acme/zoryx-tickets@^2`.',
  },
  ZRX_MARKET_PUBLISH_CHECK: {
    meaning:
      '`zoryx ext publish-check` found problems that would make the package unusable as an extension (each listed with its fix)',
    hint: 'Fix the listed problems and run `zoryx ext publish-check` again before `npm publish`.',
  },
  ZRX_MARKET_PACKAGE_EXISTS: {
    meaning:
      '`zoryx new extension --package <name>`: the target folder already exists (nothing is overwritten)',
    hint: 'Pick another name or folder.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Stable codes of the marketplace's errors: the keys of {@link marketplaceErrorCatalogue}. */
export type MarketplaceErrorCode = keyof typeof marketplaceErrorCatalogue;

/**
 * An error of the marketplace: a stable `code`, a message naming what was wrong, and a `hint`
 * with a concrete fix (the `zoryx` command prints all three).
 *
 * @example
 * ```ts
 * try { await client.info('zoryx-tickets'); }
 * catch (error) { if (error instanceof MarketplaceError) console.error(error.code, error.hint); }
 * ```
 */
export class MarketplaceError extends Error {
  /** The stable error code, listed in docs/errors.md. */
  public readonly code: MarketplaceErrorCode;
  /** A concrete suggestion to fix the cause. */
  public readonly hint: string;

  /** `hint` defaults to the catalogue's hint for `code`. */
  public constructor(
    code: MarketplaceErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MarketplaceError';
    this.code = code;
    this.hint = options.hint ?? marketplaceErrorCatalogue[code].hint;
  }
}
