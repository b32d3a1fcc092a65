import { z } from 'zod';
import { BackupError } from './errors.js';
import type { Actor, BackupService } from './service.js';
import { checksumOf, sha256 } from './snapshot/canonical.js';
import { type AssetData, readSnapshot } from './snapshot/migrations.js';
import type { StoredBackup } from './storage/snapshot-store.js';

/** An exported backup file: the snapshot, its checksum and its images. */
const exportFile = z.object({
  format: z.literal('zoryx.backup.export'),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  snapshot: z.unknown(),
  assets: z.record(z.string(), z.object({ contentType: z.string(), base64: z.string() })),
});

/** The JSON file `/backupexport` sends: everything needed to restore, images included. */
export async function exportBackup(
  service: BackupService,
  guildId: string,
  id: string,
  actor: Actor,
): Promise<string> {
  const backup = await service.store.load(guildId, id);
  await service.audit.record(guildId, {
    action: 'export',
    userId: actor.userId,
    backupId: id,
    detail: '',
  });
  return JSON.stringify({
    format: 'zoryx.backup.export',
    checksum: backup.checksum,
    snapshot: backup.snapshot,
    assets: Object.fromEntries(backup.assets),
  });
}

/**
 * Imports an exported file (or the Python original's snapshot file) as a new backup of
 * `guildId`: validated against the schema (migrated if older), the checksum and every image's
 * SHA-256 checked. Throws `ZRX_BACKUP_INVALID` or `ZRX_BACKUP_CHECKSUM`.
 */
export async function importBackup(
  service: BackupService,
  guildId: string,
  text: string,
  actor: Actor,
): Promise<StoredBackup> {
  let raw: unknown;
  try {
    raw = parseSnowflakeJson(text);
  } catch (error) {
    throw new BackupError('ZRX_BACKUP_INVALID', 'The file is not JSON.', { cause: error });
  }
  const envelope = exportFile.safeParse(raw);
  const read = readSnapshot(envelope.success ? envelope.data.snapshot : raw);
  const assets = new Map<string, AssetData>(read.assets);
  if (envelope.success) {
    if (read.migratedFrom === null && checksumOf(read.snapshot) !== envelope.data.checksum) {
      throw new BackupError(
        'ZRX_BACKUP_CHECKSUM',
        'The file was changed after it was exported (checksum mismatch).',
      );
    }
    for (const [hash, asset] of Object.entries(envelope.data.assets)) {
      if (sha256(Buffer.from(asset.base64, 'base64')) !== hash) {
        throw new BackupError(
          'ZRX_BACKUP_CHECKSUM',
          `Image ${hash} in the file does not match its hash.`,
        );
      }
      assets.set(hash, asset);
    }
  }
  const entry = await service.store.save(read.snapshot, assets, {
    label: `Imported ${read.snapshot.guild.name}`.slice(0, 100),
    authorId: actor.userId,
    auto: false,
    guildId,
  });
  await service.audit.record(guildId, {
    action: 'import',
    userId: actor.userId,
    backupId: entry.id,
    detail: read.migratedFrom ? `migrated from ${read.migratedFrom}` : '',
  });
  return entry;
}

/**
 * `JSON.parse`, with integers of 16 digits or more read as strings: the Python original wrote
 * snowflakes as JSON numbers, which JavaScript would round (555555555555555555 → …600).
 */
export function parseSnowflakeJson(text: string): unknown {
  return JSON.parse(text.replace(/([:,[]\s*)(\d{16,})(?=\s*[,\]}])/g, '$1"$2"'));
}
