/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * `@zoryx/backup` (its API `bot.extensions.get('backup')` and its commands) throws
 * {@link BackupError} with these codes.
 *
 * @remarks The single source of these codes: {@link BackupErrorCode} is derived from its keys, a
 * {@link BackupError} without its own hint takes the one here, and docs/errors.md is generated
 * from it (`node scripts/errors-doc.mjs`).
 */
export const backupErrorCatalogue = {
  ZRX_BACKUP_NOT_FOUND: {
    meaning: 'no backup with that id exists for the guild',
    hint: "List the guild's backups (`/backuplist` or `api.list(guildId)`) and use one of their ids.",
  },
  ZRX_BACKUP_INVALID: {
    meaning:
      'a snapshot (stored, imported or migrated) does not match the snapshot schema; the message lists the first problems',
    hint: 'Import a file exported by `/backupexport` (or `api.export`), unmodified; older schema versions are migrated automatically.',
  },
  ZRX_BACKUP_CHECKSUM: {
    meaning:
      "a snapshot's SHA-256 over its canonical form does not match the checksum stored with it",
    hint: 'The stored snapshot was changed outside the bot: restore from another backup, or delete this one.',
  },
  ZRX_BACKUP_LIMIT: {
    meaning: 'the guild already has the maximum number of backups (pinned ones included)',
    hint: 'Delete an old backup (unpin it first if pinned), or raise `maxPerGuild` in the extension config.',
  },
  ZRX_BACKUP_COOLDOWN: {
    meaning: 'a manual backup of this guild was created less than the cooldown ago',
    hint: 'Wait until the cooldown the message names has passed (bot owners are not limited).',
  },
  ZRX_BACKUP_PINNED: {
    meaning: 'a pinned backup cannot be deleted',
    hint: 'Unpin it first (`/backuppin`).',
  },
  ZRX_BACKUP_BUSY: {
    meaning: 'a restore is already running (or paused to resume) for this guild: one job per guild',
    hint: 'Wait for it to finish, or cancel it (`api.cancel(guildId)`), then try again.',
  },
  ZRX_BACKUP_BUDGET: {
    meaning:
      "the restore would exceed Discord's creation budget (roles or channels per 48 h); refused before any change, with the plan",
    hint: 'Restore fewer components (`components`), merge into a guild that already has most of it, or wait until the budget frees up (the message says when).',
  },
  ZRX_BACKUP_INPUT: {
    meaning:
      'an argument is out of range (label over 100 characters, note over 500, schedule outside 1–168 hours, unknown component…)',
    hint: 'Use a value in the range the message names.',
  },
  ZRX_BACKUP_GUILD: {
    meaning: 'the bot is not in that guild (or cannot see it)',
    hint: 'Invite the bot to the guild first; restoring into another guild needs ownership of both.',
  },
  ZRX_BACKUP_EXTENSION: {
    meaning:
      "an extension's data in the snapshot could not be handed back: the extension is not loaded, has no `backup` hook, or its hook failed",
    hint: 'Load the extension (same name) and make its `backup` hook handle `action: "import"`; then restore the `extensions` component again.',
  },
  ZRX_BACKUP_CANCELLED: {
    meaning: 'the restore job was cancelled before it finished; steps done so far stay done',
    hint: 'Run the restore again to continue from a fresh plan.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every stable error code `@zoryx/backup` throws: the keys of {@link backupErrorCatalogue}. */
export type BackupErrorCode = keyof typeof backupErrorCatalogue;

/**
 * The error class of `@zoryx/backup`: a stable `code`, a message naming what was wrong, and a
 * `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await backup.restore(guildId, id); }
 * catch (error) { if (error instanceof BackupError && error.code === 'ZRX_BACKUP_BUDGET') … }
 * ```
 */
export class BackupError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_BACKUP_BUDGET`. */
  public readonly code: BackupErrorCode;
  /** A concrete next step for the person who sees the error. */
  public readonly hint: string;

  /** Creates an error; `hint` defaults to the catalogue's. */
  public constructor(
    code: BackupErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BackupError';
    this.code = code;
    this.hint = options.hint ?? backupErrorCatalogue[code].hint;
  }
}
