import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend, BackendConnection } from './backend/backend.js';
import { backupFailure, listBackupFiles, nextBackupPath, pruneOldest } from './backup-rotation.js';

/** Backup file names: a UTC timestamp to the millisecond, `_NN` on collisions; sortable. */
const BACKUP_NAME = /^\d{8}T\d{9}Z(_\d{2})?\.db$/;

/**
 * Litter beside backups: unfinished `.partial` copies of a crashed run, and the -wal/-shm files
 * that verifying WAL-mode copies left behind in versions before backups were self-contained.
 */
const LITTER_NAME = /^\d{8}T\d{9}Z(_\d{2})?\.db(\.partial)?(-wal|-shm|-journal)?$/;

/**
 * Writes verified online backups and keeps the newest `keep` per database. A copy is written
 * under a temporary name, checked with the backend's integrity check, and only then renamed into
 * place, so a listed backup is always a complete, healthy database, and a single file. Writes of
 * one database's backups never overlap: callers hold that database's lease.
 */
export class BackupWriter {
  readonly #backend: Backend;
  readonly #keep: number;
  readonly #now: () => number;
  public written = 0;

  public constructor(backend: Backend, keep: number, now: () => number) {
    this.#backend = backend;
    this.#keep = keep;
    this.#now = now;
  }

  /** Backups of `key` (`main` or a guild id), oldest first, as absolute paths. */
  public list(key: string): string[] {
    return listBackupFiles(this.#backend.backupDirectory(key), BACKUP_NAME);
  }

  /** Backs `connection` up as `key`, verifies and prunes; returns the new backup's path. */
  public async write(key: string, connection: BackendConnection): Promise<string> {
    const dir = this.#backend.backupDirectory(key);
    const target = nextBackupPath(dir, this.list(key), this.#now(), '.db');
    const partial = `${target}.partial`;
    try {
      mkdirSync(dir, { recursive: true });
      await connection.backupTo(partial);
      this.#backend.verifyCopy(partial);
      renameSync(partial, target);
    } catch (cause) {
      throw backupFailure(
        cause,
        partial,
        connection.location,
        target,
        'Check free disk space and that the backup directory is writable.',
      );
    }
    this.written += 1;
    this.#prune(key);
    return target;
  }

  #prune(key: string): void {
    pruneOldest(this.list(key), this.#keep);
    const dir = this.#backend.backupDirectory(key);
    for (const name of readdirSync(dir)) {
      if (LITTER_NAME.test(name) && !BACKUP_NAME.test(name))
        rmSync(join(dir, name), { force: true });
    }
  }
}
