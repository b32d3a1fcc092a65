import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupFailure, listBackupFiles, nextBackupPath, pruneOldest } from '../backup-rotation.js';
import { DbError } from '../errors.js';
import { assertLogicalBackup, type LogicalBackup } from './logical-backup.js';

/** Logical backup names: a UTC timestamp to the millisecond, `_NN` on collisions; sortable. */
const NAME = /^\d{8}T\d{9}Z(_\d{2})?\.json$/;

/**
 * Logical backup files of the PostgreSQL backend under `root`: `main/<stamp>.json` and
 * `guilds/<guildId>/<stamp>.json`, the same layout as the SQLite backend's `.db` copies. Each is
 * written under a temporary name, read back and checked, then renamed, so a listed file is
 * always complete; the newest `keep` per schema are kept.
 */
export class LogicalBackupFiles {
  readonly #root: string | undefined;
  readonly #keep: number;
  public written = 0;

  public constructor(root: string | undefined, keep: number) {
    this.#root = root;
    this.#keep = keep;
  }

  #dir(key: string): string {
    if (this.#root === undefined) {
      throw new DbError(
        'ZRX_DB_INPUT',
        'This PostgreSQL database has no backup directory.',
        'Pass backups.dir (or dir) to createDatabase({ dialect: "postgres", … }) to enable logical backups.',
      );
    }
    return key === 'main' ? join(this.#root, 'main') : join(this.#root, 'guilds', key);
  }

  /** Backups of `key` (`main` or a guild id), oldest first, as absolute paths. */
  public list(key: string): string[] {
    if (this.#root === undefined) return [];
    return listBackupFiles(this.#dir(key), NAME);
  }

  /** Writes, verifies and prunes; returns the new file's path. */
  public write(key: string, backup: LogicalBackup): string {
    const dir = this.#dir(key);
    const target = nextBackupPath(dir, this.list(key), backup.takenAt, '.json');
    const partial = `${target}.partial`;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(partial, JSON.stringify(backup));
      LogicalBackupFiles.read(partial);
      renameSync(partial, target);
    } catch (cause) {
      throw backupFailure(cause, partial, key, target);
    }
    this.written += 1;
    pruneOldest(this.list(key), this.#keep);
    return target;
  }

  /** Reads and checks a backup file; throws `ZRX_DB_BACKUP` if it is not one. */
  public static read(file: string): LogicalBackup {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new DbError('ZRX_DB_BACKUP', `Backup ${file} cannot be read as JSON.`, { cause });
    }
    assertLogicalBackup(parsed, file);
    return parsed;
  }
}
