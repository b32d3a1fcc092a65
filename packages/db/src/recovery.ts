import type { Backend, BackendConnection, CorruptionFinding } from './backend/backend.js';
import { stamp } from './backup-rotation.js';
import type { BackupWriter } from './backups.js';
import { DbError } from './errors.js';

/**
 * What happened to a guild database that failed its check when it was opened: where the damaged
 * file was kept and what took its place. Passed to the listeners of `db.onCorrupt`.
 */
export interface CorruptGuildReport {
  readonly guildId: string;
  /** The database's path: damaged before, the restored or new database now. */
  readonly file: string;
  /** `empty`: 0 bytes; `not-a-database`: no SQLite header; `damaged`: the page check failed. */
  readonly problem: CorruptionFinding['problem'];
  /** What the check reported, e.g. SQLite's first `quick_check` message. */
  readonly detail: string;
  /** Where the damaged database is kept now: `<file>.corrupt-<UTC stamp>`. */
  readonly keptAt: string;
  /** Every file moved aside: the database first, then its `-wal`/`-shm`/`-journal` if any. */
  readonly keptFiles: readonly string[];
  /**
   * `restored`: the newest backup of the guild that passed `PRAGMA integrity_check` is in place
   * (changes since that backup are only in the kept file); `fresh`: no backup passed, an empty
   * database took its place and is migrated on this use.
   */
  readonly outcome: 'restored' | 'fresh';
  /** The backup that was restored, or `null`. */
  readonly backup: string | null;
  /** Newer backups that failed verification and were passed over (left where they are). */
  readonly skippedBackups: readonly string[];
  /** `ZRX_DB_CORRUPT` saying all of the above in one message, for a log line. */
  readonly error: DbError;
}

/** Receives a {@link CorruptGuildReport}; see `ZoryxDatabase.onCorrupt`. */
export type CorruptGuildListener = (report: CorruptGuildReport) => void | Promise<void>;

const PROBLEM: Record<CorruptionFinding['problem'], string> = {
  empty: 'empty',
  'not-a-database': 'not a SQLite database',
  damaged: 'damaged',
};

function recoveryError(guildId: string, location: string, step: string, cause: unknown): DbError {
  return new DbError(
    'ZRX_DB_RECOVERY',
    `Guild ${guildId}'s database ${location} failed its check, and ${step} failed: ${String(cause)}. The damaged file was left where it is.`,
    'Check free disk space and that the bot user may write the guilds and backups directories; the next use of the guild tries again.',
    { cause },
  );
}

/**
 * Keeps a damaged guild database aside and puts the best available copy in its place: the
 * newest backup that passes the integrity check, else an empty database. The order makes every
 * failure safe: the backup is copied next to the database first; only then is the damaged file
 * moved (together with its side files) and the copy renamed into place. Until the move, a
 * failure leaves everything as it was; the damaged file is never deleted.
 */
export class GuildRecovery {
  readonly #backend: Backend;
  readonly #backups: BackupWriter;
  readonly #now: () => number;
  readonly #report: (report: CorruptGuildReport) => void;

  public constructor(
    backend: Backend,
    backups: BackupWriter,
    now: () => number,
    report: (report: CorruptGuildReport) => void,
  ) {
    this.#backend = backend;
    this.#backups = backups;
    this.#now = now;
    this.#report = report;
  }

  /** Recovers `guildId`'s database at `location` (which failed with `finding`); opens the result. */
  public async recover(
    guildId: string,
    location: string,
    finding: CorruptionFinding,
  ): Promise<BackendConnection> {
    const skippedBackups: string[] = [];
    let backup: string | null = null;
    for (const candidate of this.#backups.list(guildId).reverse()) {
      try {
        this.#backend.verifyCopy(candidate);
        backup = candidate;
        break;
      } catch {
        skippedBackups.push(candidate);
      }
    }
    let staged: ReturnType<Backend['stageRestore']> | undefined;
    try {
      if (backup !== null) staged = this.#backend.stageRestore(location, backup);
    } catch (cause) {
      throw recoveryError(guildId, location, `copying the backup ${backup}`, cause);
    }
    let keptFiles: string[];
    try {
      keptFiles = this.#backend.moveAside(location, `.corrupt-${stamp(this.#now())}`);
    } catch (cause) {
      staged?.discard();
      throw recoveryError(guildId, location, 'moving it aside', cause);
    }
    let outcome: CorruptGuildReport['outcome'] = 'fresh';
    let failure: unknown;
    if (staged !== undefined) {
      try {
        staged.commit();
        outcome = 'restored';
      } catch (cause) {
        staged.discard();
        failure = recoveryError(guildId, location, `putting the backup ${backup} in place`, cause);
      }
    }
    const keptAt = keptFiles[0] as string;
    const restoredFrom = outcome === 'restored' ? backup : null;
    const what =
      outcome === 'restored'
        ? `restored from the backup ${restoredFrom}`
        : 'replaced by an empty database (no backup passed the integrity check)';
    const error = new DbError(
      'ZRX_DB_CORRUPT',
      `Guild ${guildId}'s database ${location} was ${PROBLEM[finding.problem]} (${finding.detail}). It was kept as ${keptAt} and ${what}.`,
      outcome === 'restored'
        ? `Changes made after ${restoredFrom} are only in ${keptAt}; inspect it with the sqlite3 shell (.recover) if they matter.`
        : `Everything the guild stored is only in ${keptAt}; try the sqlite3 shell's .recover on it, then db.restoreGuild with the result.`,
    );
    // Reported before opening: from here on the damaged file is aside, so whatever happens next,
    // the report must go out (the next use would otherwise create an empty database unnoticed).
    this.#report({
      guildId,
      file: location,
      problem: finding.problem,
      detail: finding.detail,
      keptAt,
      keptFiles,
      outcome,
      backup: restoredFrom,
      skippedBackups,
      error,
    });
    if (failure !== undefined) throw failure;
    const opened = await this.#backend.openChecked(location);
    if ('connection' in opened) return opened.connection;
    throw recoveryError(
      guildId,
      location,
      `checking the ${outcome === 'restored' ? 'restored' : 'new'} database (${opened.corrupt.detail})`,
      opened.corrupt.detail,
    );
  }
}
