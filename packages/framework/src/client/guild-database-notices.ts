import type { CorruptGuildReport, ZoryxDatabase } from '@zoryx/db';
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { GuildDatabaseCorruptPayload } from '../events/framework-events.js';
import { dmOwners } from './owner-notices.js';

/** What {@link reportCorruptGuildDatabases} tells about a recovered guild database. */
export interface CorruptGuildNoticeTargets {
  db: ZoryxDatabase;
  client: Client;
  owners: ReadonlySet<string>;
  logger: Logger;
  /** Emits `guild_database_corrupt` on the hook bus. */
  emit: (payload: GuildDatabaseCorruptPayload) => void;
}

const PROBLEM: Record<CorruptGuildReport['problem'], string> = {
  empty: 'empty (0 bytes)',
  'not-a-database': 'not a SQLite database',
  damaged: 'damaged',
};

function ownerText(client: Client, report: CorruptGuildReport): string {
  const name = client.guilds.cache.get(report.guildId)?.name;
  const guild = name ? `**${name}** (\`${report.guildId}\`)` : `\`${report.guildId}\``;
  const outcome =
    report.outcome === 'restored'
      ? `It was restored from the backup \`${report.backup}\`; changes made after that backup are only in the kept file.`
      : 'No backup passed the integrity check, so the guild starts with an empty database; its settings and data are only in the kept file.';
  return [
    `⚠️ The database of guild ${guild} was ${PROBLEM[report.problem]} (${report.detail}).`,
    `The damaged file was kept as \`${report.keptAt}\`.`,
    outcome,
  ].join('\n');
}

/**
 * Makes a damaged guild database loud: an error log line with the kept path and what replaced
 * it, a `guild_database_corrupt` hook event, and a direct message to each bot owner (best
 * effort: a closed DM or a client not yet online only logs). Returns the unsubscribe.
 */
export function reportCorruptGuildDatabases(targets: CorruptGuildNoticeTargets): () => void {
  const { db, client, owners, logger, emit } = targets;
  return db.onCorrupt(async (report) => {
    logger.error(
      {
        code: report.error.code,
        guildId: report.guildId,
        file: report.file,
        keptAt: report.keptAt,
        keptFiles: report.keptFiles,
        problem: report.problem,
        detail: report.detail,
        outcome: report.outcome,
        backup: report.backup,
        skippedBackups: report.skippedBackups,
        hint: report.error.hint,
      },
      report.error.message.split('\nHint:')[0] ?? report.error.message,
    );
    emit({
      guildId: report.guildId,
      file: report.file,
      keptAt: report.keptAt,
      keptFiles: report.keptFiles,
      problem: report.problem,
      detail: report.detail,
      outcome: report.outcome,
      backup: report.backup,
    });
    if (owners.size === 0 || !client.isReady()) return;
    await dmOwners(client, owners, ownerText(client, report), logger, 'a damaged guild database');
  });
}
