import { randomUUID } from 'node:crypto';
import type { ExtensionContext } from '@zoryx/framework';
import { BackupError } from '../errors.js';
import { canonicalJson, checksumOf, sha256 } from '../snapshot/canonical.js';
import { type AssetData, readSnapshot } from '../snapshot/migrations.js';
import { SNAPSHOT_VERSION, type Snapshot } from '../snapshot/schema.js';

type Main = ExtensionContext['db']['main'];

/** A stored backup's index entry. */
export interface StoredBackup {
  id: string;
  guildId: string;
  label: string;
  createdAt: string;
  authorId: string;
  checksum: string;
  sizeBytes: number;
  pinned: boolean;
  notes: string;
  auto: boolean;
}

/** A stored backup with its snapshot and images. */
export interface LoadedBackup extends StoredBackup {
  snapshot: Snapshot;
  assets: Map<string, AssetData>;
}

function entryOf(row: {
  id: string;
  guild_id: string;
  label: string;
  created_at: string;
  author_id: string;
  checksum: string;
  size_bytes: number;
  pinned: number;
  notes: string;
  auto: number;
}): StoredBackup {
  return {
    id: row.id,
    guildId: row.guild_id,
    label: row.label,
    createdAt: row.created_at,
    authorId: row.author_id,
    checksum: row.checksum,
    sizeBytes: Number(row.size_bytes),
    pinned: Number(row.pinned) === 1,
    notes: row.notes,
    auto: Number(row.auto) === 1,
  };
}

const INDEX_COLUMNS = [
  'id',
  'guild_id',
  'label',
  'created_at',
  'author_id',
  'checksum',
  'size_bytes',
  'pinned',
  'notes',
  'auto',
] as const;

/**
 * Snapshots in the bot's main database: the canonical JSON with its SHA-256, and each image
 * once (content-addressed) however many backups use it.
 */
export class SnapshotStore {
  public constructor(private readonly db: Main) {}

  /** Stores a snapshot; returns its index entry. */
  public async save(
    snapshot: Snapshot,
    assets: ReadonlyMap<string, AssetData>,
    meta: { label: string; authorId: string; auto: boolean; guildId?: string },
  ): Promise<StoredBackup> {
    const body = canonicalJson(snapshot);
    const row = {
      id: randomUUID().replace(/-/g, '').slice(0, 12),
      // The guild the backup belongs to: its source, or the guild it was imported into.
      guild_id: meta.guildId ?? snapshot.guild.id,
      label: meta.label,
      created_at: snapshot.capturedAt,
      author_id: meta.authorId,
      checksum: checksumOf(snapshot),
      size_bytes: Buffer.byteLength(body),
      pinned: 0,
      notes: '',
      auto: meta.auto ? 1 : 0,
      version: SNAPSHOT_VERSION,
      body,
    };
    await this.db.transaction().execute(async (trx) => {
      for (const [hash, asset] of assets) {
        await trx
          .insertInto('backup_assets')
          .values({ hash, content_type: asset.contentType, data: asset.base64 })
          .onConflict((c) => c.column('hash').doNothing())
          .execute();
      }
      await trx.insertInto('backup_snapshots').values(row).execute();
    });
    return entryOf(row);
  }

  /** A guild's backups, newest first. */
  public async list(guildId: string): Promise<StoredBackup[]> {
    const rows = await this.db
      .selectFrom('backup_snapshots')
      .select(INDEX_COLUMNS)
      .where('guild_id', '=', guildId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(entryOf);
  }

  /** A backup's index entry, or `ZRX_BACKUP_NOT_FOUND`. */
  public async entry(guildId: string, id: string): Promise<StoredBackup> {
    const row = await this.db
      .selectFrom('backup_snapshots')
      .select(INDEX_COLUMNS)
      .where('guild_id', '=', guildId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new BackupError('ZRX_BACKUP_NOT_FOUND', `No backup ${id} in guild ${guildId}.`);
    return entryOf(row);
  }

  /**
   * Loads a backup: parses and validates (migrating an older version), checks the SHA-256 of
   * the stored body and of every image; `ZRX_BACKUP_CHECKSUM` when anything was altered.
   */
  public async load(guildId: string, id: string): Promise<LoadedBackup> {
    const entry = await this.entry(guildId, id);
    const row = await this.db
      .selectFrom('backup_snapshots')
      .select(['body'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const { snapshot } = readSnapshot(JSON.parse(row.body));
    if (checksumOf(snapshot) !== entry.checksum) {
      throw new BackupError(
        'ZRX_BACKUP_CHECKSUM',
        `Backup ${id}: its checksum does not match its content.`,
      );
    }
    const assets = await this.assets(snapshot);
    return { ...entry, snapshot, assets };
  }

  /** The images a snapshot refers to, each checked against its hash. */
  public async assets(snapshot: Snapshot): Promise<Map<string, AssetData>> {
    const hashes = [
      snapshot.settings.icon,
      snapshot.settings.banner,
      ...snapshot.roles.map((r) => r.icon),
      ...snapshot.emojis.map((e) => e.image),
      ...snapshot.stickers.map((s) => s.image),
    ].filter((hash): hash is string => hash !== null);
    const assets = new Map<string, AssetData>();
    if (hashes.length === 0) return assets;
    const rows = await this.db
      .selectFrom('backup_assets')
      .selectAll()
      .where('hash', 'in', [...new Set(hashes)])
      .execute();
    for (const row of rows) {
      if (sha256(Buffer.from(row.data, 'base64')) !== row.hash) {
        throw new BackupError('ZRX_BACKUP_CHECKSUM', `Image ${row.hash} does not match its hash.`);
      }
      assets.set(row.hash, { contentType: row.content_type, base64: row.data });
    }
    return assets;
  }

  /** Changes a backup's pin, label or notes. */
  public async update(
    guildId: string,
    id: string,
    change: { pinned?: boolean; label?: string; notes?: string },
  ): Promise<void> {
    await this.entry(guildId, id);
    await this.db
      .updateTable('backup_snapshots')
      .set({
        ...(change.pinned !== undefined ? { pinned: change.pinned ? 1 : 0 } : {}),
        ...(change.label !== undefined ? { label: change.label } : {}),
        ...(change.notes !== undefined ? { notes: change.notes } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Deletes a backup (not a pinned one); images no other backup uses are deleted with it. */
  public async delete(guildId: string, id: string): Promise<void> {
    const entry = await this.entry(guildId, id);
    if (entry.pinned) throw new BackupError('ZRX_BACKUP_PINNED', `Backup ${id} is pinned.`);
    const { snapshot } = await this.load(guildId, id);
    await this.db.deleteFrom('backup_snapshots').where('id', '=', id).execute();
    const mine = new Set((await this.assets(snapshot)).keys());
    if (mine.size === 0) return;
    const others = await this.db.selectFrom('backup_snapshots').select(['body']).execute();
    for (const row of others)
      for (const hash of mine) if (row.body.includes(hash)) mine.delete(hash);
    if (mine.size > 0)
      await this.db
        .deleteFrom('backup_assets')
        .where('hash', 'in', [...mine])
        .execute();
  }
}
