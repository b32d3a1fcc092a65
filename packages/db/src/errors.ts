/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Every code `@zoryx/db` throws or reports, with when it is reported and its default hint.
 *
 * @remarks The single source of these codes: {@link DbErrorCode} is derived from its keys, a
 * {@link DbError} without its own hint takes the one here, and docs/errors.md is generated from
 * it (`node scripts/errors-doc.mjs`).
 */
export const dbErrorCatalogue = {
  ZRX_DB_GUILD_ID: {
    meaning:
      'A guild id passed to `guild()`, `backup()`, `removeGuild()`, `restoreGuild()` or `listBackups()` is not a 17–20 digit snowflake (so it could never name a file outside the data directory).',
    hint: 'Pass `guild.id` from discord.js, never a name or user-supplied text.',
  },
  ZRX_DB_MIGRATION: {
    meaning:
      "A migration threw; its transaction was rolled back and the owner's later migrations did not run. The message names owner, migration and database file. Main-scope failures reject `registerMigrations`; guild-scope failures go to `onError`.",
    hint: "Fix the named migration and register the owner's migrations again; it is retried on the next use of each database.",
  },
  ZRX_DB_MIGRATION_ORDER: {
    meaning:
      'A not yet applied migration sorts before one that is already applied for the same owner.',
    hint: 'Never insert migrations before applied ones: give the new migration a name that sorts last (`0003_…`).',
  },
  ZRX_DB_INPUT: {
    meaning:
      'A bad argument or option: missing `dir`, a non-integer or too small count option, an invalid owner name or scope, a migration without `up()`, an `onGuildReset` listener that is not a function, backing up a guild that has no database, streaming a non-SELECT query.',
    hint: 'Follow the message: it names the option or argument and the accepted values.',
  },
  ZRX_DB_CORRUPT: {
    meaning:
      'A database file is empty, not a SQLite database, or has damaged pages. For a guild database found on open, it is the `error` of the `onCorrupt` report: the file was kept as `<file>.corrupt-<stamp>` and replaced by the newest verified backup (or an empty database); the message says which. Thrown by a query that meets damage while the bot runs (the next use of the guild recovers it), and by `createDatabase` when `main.db` is damaged (left untouched). Other guilds keep working.',
    hint: "Guild: see the message for the kept file and what replaced it; changes after the restored backup are only in the kept file (the `sqlite3` shell's `.recover` can extract them). `main.db`: restore a file from `backups/main/` by hand.",
  },
  ZRX_DB_RECOVERY: {
    meaning:
      'A guild database failed its check, and copying its backup next to it or moving it aside failed (disk full, permissions). Nothing was changed: the damaged file is where it was.',
    hint: 'Free disk space and check that the bot user may write the `guilds` and `backups` folders; the next use of the guild tries again.',
  },
  ZRX_DB_OPEN: {
    meaning:
      'The data directory cannot be created, or a database cannot be opened or configured (permissions, an exclusive lock held by another process); on PostgreSQL, the server refused the connection.',
    hint: 'Check that the bot user may read and write the data directory; stop the other process or raise `busyTimeoutMs`.',
  },
  ZRX_DB_BACKUP: {
    meaning:
      'An online backup could not be written, or a copy (a new backup, or the file given to `restoreGuild`) failed `PRAGMA integrity_check`; on PostgreSQL, a logical backup file is not valid JSON of format `zoryx-pg-logical` version 1. Partial copies are deleted.',
    hint: 'Check free disk space and the backup directory; if the source is damaged, restore an older backup.',
  },
  ZRX_DB_CLOSED: {
    meaning: 'The database was used after `close()` began.',
    hint: 'Create a new database with `createDatabase()`; stop using the old one after `close()`.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Stable codes of every error `@zoryx/db` throws or reports: the keys of {@link dbErrorCatalogue}. */
export type DbErrorCode = keyof typeof dbErrorCatalogue;

/**
 * An error of the data layer: a stable `code`, a message naming what was wrong and where (the
 * guild id, the file path, the migration owner and name), and a `hint` with a concrete fix.
 * The underlying driver error, when there is one, is kept as `cause`.
 *
 * @example
 * ```ts
 * try { await db.guild('not-a-snowflake'); }
 * catch (error) { if (error instanceof DbError) console.log(error.code, error.hint); }
 * ```
 */
export class DbError extends Error {
  /** The stable error code, listed in docs/errors.md. */
  public readonly code: DbErrorCode;
  /** A concrete suggestion to fix the cause. */
  public readonly hint: string;

  /** Takes the catalogue's hint for `code`; `options.cause` keeps the driver's error. */
  public constructor(code: DbErrorCode, message: string, options?: ErrorOptions);
  /** `hint` names a concrete fix for this case; `undefined` takes the catalogue's hint. */
  public constructor(
    code: DbErrorCode,
    message: string,
    hint: string | undefined,
    options?: ErrorOptions,
  );
  public constructor(
    code: DbErrorCode,
    message: string,
    hintOrOptions?: string | ErrorOptions,
    options?: ErrorOptions,
  ) {
    const hint = typeof hintOrOptions === 'string' ? hintOrOptions : dbErrorCatalogue[code].hint;
    super(`${message}\nHint: ${hint}`, typeof hintOrOptions === 'object' ? hintOrOptions : options);
    this.name = 'DbError';
    this.code = code;
    this.hint = hint;
  }
}

/** Narrows an unknown thrown value to a {@link DbError}, optionally of one code. */
export function isDbError(error: unknown, code?: DbErrorCode): error is DbError {
  return error instanceof DbError && (code === undefined || error.code === code);
}
