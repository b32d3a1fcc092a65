import type { BackupService } from './service.js';
import type { BackupApi } from './types.js';

/** Operations through the API are audited as done by the bot itself. */
function actorOf(service: { botId(): string }) {
  return { userId: service.botId() };
}

/**
 * The public API (`bot.extensions.get('backup')`), exactly the contract: create, list, verify,
 * plan, restore, diff.
 */
export function createBackupApi(service: BackupService, botId: () => string): BackupApi {
  const actor = () => actorOf({ botId });
  return {
    async create(guildId, opts = {}) {
      const entry = await service.create(guildId, {
        ...(opts.label !== undefined ? { label: opts.label } : {}),
        actor: actor(),
      });
      return { id: entry.id, checksum: entry.checksum };
    },
    async list(guildId) {
      return (await service.store.list(guildId)).map((entry) => ({
        id: entry.id,
        label: entry.label,
        createdAt: entry.createdAt,
        pinned: entry.pinned,
      }));
    },
    async verify(guildId, id) {
      const { ok } = await service.verify(guildId, id, actor());
      return { ok };
    },
    async plan(guildId, id, opts = {}) {
      return (await service.plan(guildId, id, opts)).summary;
    },
    restore(guildId, id, opts = {}) {
      return service.restore(guildId, id, { ...opts, actor: actor() });
    },
    diff(guildId, id, other) {
      return service.diff(guildId, id, other);
    },
  };
}
