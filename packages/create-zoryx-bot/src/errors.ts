/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Printed as `create-zoryx-bot: <code>: <message>` with a `hint:` line. Exit code 2 for
 * `ZRX_CREATE_USAGE`, 130 for `ZRX_CREATE_CANCELLED`, 1 for the others. Except for
 * `ZRX_CREATE_INSTALL_FAILED`, nothing is left on disk when one of these is reported.
 *
 * @remarks The single source of these codes: {@link CreateErrorCode} is derived from its keys, a
 * {@link CreateError} without its own hint takes the one here, and docs/errors.md is generated
 * from it (`node scripts/errors-doc.mjs`).
 */
export const createErrorCatalogue = {
  ZRX_CREATE_USAGE: {
    meaning:
      'an unknown option, an option without its value, more than one project directory, or a `--pm` other than npm, pnpm, yarn, bun',
    hint: 'Run `create-zoryx-bot --help`; quote a directory name with spaces.',
  },
  ZRX_CREATE_NOT_INTERACTIVE: {
    meaning:
      'stdin or stdout is not a terminal (CI, a pipe) and `--yes` was not passed, so no question can be asked',
    hint: 'Pass `--yes`, with flags for anything that should differ from the defaults.',
  },
  ZRX_CREATE_CANCELLED: {
    meaning: 'Ctrl-C at a question, or while the files were being written (the write is undone)',
    hint: 'Run the command again when ready.',
  },
  ZRX_CREATE_INVALID_NAME: {
    meaning:
      "the project directory's base name is not a valid name for a new npm package (capitals, spaces, leading `.` or `_`, `node_modules`, over 214 characters…); the message gives npm's reasons",
    hint: 'Use the suggested lowercase name, e.g. `my-bot`.',
  },
  ZRX_CREATE_DIR_NOT_EMPTY: {
    meaning:
      'the project directory exists and holds files (other than `.git`) and `--force` was not passed',
    hint: 'Pick a new name, empty the directory, or pass `--force` (template files replace files at the same path; others are kept).',
  },
  ZRX_CREATE_TARGET_NOT_DIR: {
    meaning: 'a file (not a directory) exists at the project path or at one of its parent paths',
    hint: 'Pick another project directory name.',
  },
  ZRX_CREATE_NO_TEMPLATES: {
    meaning:
      'the templates folder (bundled, or `ZORYX_CREATE_TEMPLATES_DIR`) is missing or has no sub-folder with a package.json',
    hint: 'Reinstall with `npm create zoryx-bot@latest`; unset or fix `ZORYX_CREATE_TEMPLATES_DIR`.',
  },
  ZRX_CREATE_UNKNOWN_TEMPLATE: {
    meaning: '`--template <name>` names no shipped template; the message lists the available ones',
    hint: 'Pass one of the listed names, e.g. `--template default`.',
  },
  ZRX_CREATE_TEMPLATE_INVALID: {
    meaning:
      "a template's package.json or template.json is not JSON, it depends on a `workspace:` package whose version was not recorded at build time, or it holds a file that is not a regular file, folder or symlink",
    hint: 'Reinstall create-zoryx-bot; template maintainers: fix the named file and rebuild.',
  },
  ZRX_CREATE_PM_NOT_FOUND: {
    meaning:
      'dependencies were to be installed but `<pm> --version` did not run (checked before anything is written)',
    hint: 'Install that package manager, choose another with `--pm`, or pass `--no-install`.',
  },
  ZRX_CREATE_WRITE_FAILED: {
    meaning:
      'the file system refused to show the project path, or refused a write or a move (permissions, read-only or special file system, disk full); everything written so far was removed',
    hint: 'Check the parent directory is writable and has room, then run again.',
  },
  ZRX_CREATE_LOCAL_PACKAGES: {
    meaning:
      '`--packages <dir>` names a folder without a readable `zoryx-packages.json` (the manifest of the packed Zoryx packages `pnpm run create-bot` writes); nothing was created',
    hint: 'Run `pnpm run create-bot <dir>` at the Zoryx repository root, which packs the packages and writes the manifest, or leave --packages out to install from the npm registry.',
  },
  ZRX_CREATE_INSTALL_FAILED: {
    meaning: "the package manager's install exited non-zero; the project is created and kept",
    hint: 'Fix what the package manager printed (network, registry, permissions), then run the printed `cd <dir> && <pm> install`.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Codes of {@link CreateError}: the keys of {@link createErrorCatalogue}. */
export type CreateErrorCode = keyof typeof createErrorCatalogue;
