/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * The built-ins report the codes of the packages they drive (`ZRX_EXT_*`, `ZRX_HOOK_*`…); these
 * are their own.
 *
 * @remarks The single source of these codes: {@link BuiltinsErrorCode} is derived from its keys,
 * a {@link BuiltinsError} without its own hint takes the one here, and docs/errors.md is generated
 * from it (`node scripts/errors-doc.mjs`).
 */
export const builtinsErrorCatalogue = {
  ZRX_INTEGRITY_CHECK_FAILED: {
    meaning:
      '`integritycheck` found a subsystem wrong: the store probe read back something else or was not deleted, a guild prefix did not survive a write, pieces are missing from their stores, the resolver reports problems or a bad load order for the loaded extensions, or the probe hook did not run; shown as that check’s ❌ field with the detail, never thrown at the user',
    hint: 'Read the failed check’s detail, then the log and `fw_errors` for the subsystem’s own error codes; `reload` the extension it names, or restart the bot if the store, database or hook bus is at fault.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Codes of {@link BuiltinsError}: the keys of {@link builtinsErrorCatalogue}. */
export type BuiltinsErrorCode = keyof typeof builtinsErrorCatalogue;

/**
 * An error of the built-in extensions themselves: a stable `code`, a message naming what was
 * wrong and where, and a `hint` with a concrete fix.
 */
export class BuiltinsError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_INTEGRITY_CHECK_FAILED`. */
  readonly code: BuiltinsErrorCode;
  /** A concrete next step for the person who sees the error. */
  readonly hint: string;

  /** `hint` defaults to the catalogue's hint for `code`; pass a more specific one when you can. */
  constructor(code: BuiltinsErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'BuiltinsError';
    this.code = code;
    this.hint = hint ?? builtinsErrorCatalogue[code].hint;
  }
}
