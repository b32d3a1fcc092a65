import type { Migration } from 'kysely';
import { DbError, isDbError } from './errors.js';
import type { MigrationRegistry, MigrationScope } from './migrations.js';
import { assertGuildId } from './snowflake.js';
import type { GuildResetListener } from './zoryx-database.js';

/**
 * What the SQLite and PostgreSQL databases do the same, as functions over the parts that differ
 * (how a guild is backed up, how main is migrated), so both backends keep one behaviour.
 */

/** The hint for each listener method, shown when it is passed something other than a function. */
const LISTENER_HINTS = {
  onGuildReset:
    'Pass a function (guildId, reason) => { … }, e.g. one that drops the guild from a cache.',
  onCorrupt:
    'Pass a function (report) => { … }, e.g. one that logs report.error and alerts someone.',
} as const;

/** Throws `ZRX_DB_INPUT` unless `listener`, passed to `method`, is a function. */
export function assertListener(method: keyof typeof LISTENER_HINTS, listener: unknown): void {
  if (typeof listener !== 'function') {
    throw new DbError(
      'ZRX_DB_INPUT',
      `${method} needs a function, got ${listener === null ? 'null' : typeof listener}.`,
      LISTENER_HINTS[method],
    );
  }
}

/** Adds `listener` to `listeners`; returns the function that removes it again. */
export function subscribe<L>(listeners: Set<L>, listener: L): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Calls every reset listener; one that throws goes to `onError` and the others still run. */
export function notifyReset(
  listeners: Iterable<GuildResetListener>,
  guildId: string,
  reason: Parameters<GuildResetListener>[1],
  onError: (error: unknown) => void,
): void {
  for (const listener of listeners) {
    try {
      listener(guildId, reason);
    } catch (error) {
      onError(error);
    }
  }
}

/** `ZRX_DB_INPUT` for a backup of a guild that has no stored data. */
export function noGuildToBackUp(guildId: string): DbError {
  return new DbError(
    'ZRX_DB_INPUT',
    `Guild ${guildId} has no database to back up.`,
    'Back up only guilds the bot has stored data for (call db.guild(id) first to create one).',
  );
}

/** A backend's own backup steps, run by the shared {@link backupAll}, {@link backup} and {@link listBackups}. */
export interface BackupSteps {
  /** Backs up the main database (migrating it first where needed); returns the path. */
  readonly backupMain: () => Promise<string>;
  /** Backs up one guild; throws {@link noGuildToBackUp} when it has no stored data. */
  readonly backupGuild: (guildId: string) => Promise<string>;
  /** The backups of `key` (`main` or a guild id), oldest first. */
  readonly list: (key: string) => string[];
  /** Guilds used since the last full backup. */
  readonly touched: Set<string>;
  readonly onError: (error: unknown) => void;
}

/**
 * Backs up main, then the guilds used since the last backup, and empties `touched`. A guild
 * whose database is gone (`ZRX_DB_INPUT`) has nothing to back up; any other failure goes to
 * `onError` and the guild stays in `touched`, to be tried again next time. Returns the paths.
 */
export async function backupAll(steps: BackupSteps): Promise<string[]> {
  const paths = [await steps.backupMain()];
  const guilds = [...steps.touched];
  steps.touched.clear();
  for (const guildId of guilds) {
    try {
      paths.push(await steps.backupGuild(guildId));
    } catch (error) {
      if (isDbError(error, 'ZRX_DB_INPUT')) continue;
      steps.touched.add(guildId);
      steps.onError(error);
    }
  }
  return paths;
}

/** `db.backup(guildId?)`: every used database without an id, else the checked guild's. */
export async function backup(steps: BackupSteps, guildId: string | undefined): Promise<string[]> {
  if (guildId === undefined) return backupAll(steps);
  assertGuildId(guildId);
  return [await steps.backupGuild(guildId)];
}

/** `db.listBackups(guildId?)`: the checked guild's backups, or main's without an id. */
export function listBackups(steps: BackupSteps, guildId: string | undefined): string[] {
  if (guildId !== undefined) assertGuildId(guildId);
  return steps.list(guildId ?? 'main');
}

/**
 * Registers `owner`'s migrations; for the main scope runs them now with `migrateMain` and throws
 * the owner's failure, if any (guild migrations run on each guild's next use).
 */
export async function registerAndMigrate(
  registry: MigrationRegistry,
  owner: string,
  scope: MigrationScope,
  migrations: Record<string, Migration>,
  migrateMain: () => Promise<void>,
): Promise<void> {
  registry.register(owner, scope, migrations);
  if (scope === 'main') {
    await migrateMain();
    const failure = registry.failure('main', owner);
    if (failure !== undefined) throw failure;
  }
}
