import {
  type APIChannel,
  type APIEmoji,
  type APIRole,
  type APISticker,
  type Client,
  Routes,
} from 'discord.js';
import { BackupError } from '../errors.js';
import type { AssetData } from '../snapshot/migrations.js';
import type { JsonValue, Snapshot } from '../snapshot/schema.js';
import type { IdMap } from './id-map.js';
import type { Step } from './plan.js';
import { automodBody, channelBody, dataUri, roleBody, settingsBody } from './request-bodies.js';

/** What a step did. */
export type StepOutcome = 'created' | 'updated' | 'deleted' | 'skipped';

/** Everything a step needs while it runs. */
export interface StepContext {
  readonly client: Client;
  readonly guildId: string;
  readonly snapshot: Snapshot;
  readonly assets: ReadonlyMap<string, AssetData>;
  /** The live guild when the job (re)started: its settings and role ids. */
  readonly live: Snapshot;
  /** The bot's highest role position when the job (re)started. */
  readonly botTop: number;
  readonly ids: IdMap;
  /** Records a new mapping (persisted by the job with the step's checkpoint). */
  readonly mapped: (oldId: string, newId: string) => void;
  /** Restores the framework's settings of the guild. */
  readonly restoreFramework: (
    guildId: string,
    framework: Snapshot['framework'],
    ids: IdMap,
  ) => Promise<void>;
  /** Hands an extension its data back (through the `backup` hook). */
  readonly restoreExtension: (
    guildId: string,
    name: string,
    data: JsonValue,
    ids: IdMap,
  ) => Promise<void>;
}

function find<T extends { id: string }>(list: readonly T[], id: string): T {
  const item = list.find((entry) => entry.id === id);
  // A plan only names what its snapshot holds; anything else is a corrupted job row.
  if (!item)
    throw new BackupError(
      'ZRX_BACKUP_INVALID',
      `The snapshot has no entity ${id} its restore job names.`,
    );
  return item;
}

/**
 * Runs one step: one Discord call (or a local write). Creates whose entity is already mapped
 * (made before a crash, adopted on resume) are skipped, so every step is idempotent.
 */
export async function runStep(step: Step, context: StepContext): Promise<StepOutcome> {
  const { client, guildId, snapshot, ids, assets } = context;
  const rest = client.rest;
  const liveRoleIds = new Set(context.live.roles.map((role) => role.id));
  switch (step.kind) {
    case 'role.delete':
      await rest.delete(Routes.guildRole(guildId, step.ref));
      return 'deleted';
    case 'channel.delete':
      await rest.delete(Routes.channel(step.ref));
      return 'deleted';
    case 'emoji.delete':
      await rest.delete(Routes.guildEmoji(guildId, step.ref));
      return 'deleted';
    case 'sticker.delete':
      await rest.delete(Routes.guildSticker(guildId, step.ref));
      return 'deleted';
    case 'ban.delete':
      await rest.delete(Routes.guildBan(guildId, step.ref));
      return 'deleted';
    case 'role.create': {
      if (ids.has(step.ref)) return 'skipped';
      const role = find(snapshot.roles, step.ref);
      const created = (await rest.post(Routes.guildRoles(guildId), {
        body: roleBody(role, assets, true),
      })) as APIRole;
      context.mapped(role.id, created.id);
      return 'created';
    }
    case 'role.update': {
      const role = find(snapshot.roles, step.ref);
      await rest.patch(Routes.guildRole(guildId, ids.resolve(role.id)), {
        body: roleBody(role, assets, false),
      });
      return 'updated';
    }
    case 'role.positions': {
      // Roles at or above the bot's highest role cannot be moved (Discord refuses the whole
      // request): they keep their place, the others are ordered as in the snapshot below them.
      const livePosition = new Map(context.live.roles.map((role) => [role.id, role.position]));
      const order = snapshot.roles
        .filter((role) => !role.managed && ids.has(role.id))
        .filter((role) => (livePosition.get(ids.resolve(role.id)) ?? 0) < context.botTop)
        .sort((a, b) => a.position - b.position);
      await rest.patch(Routes.guildRoles(guildId), {
        body: order.map((role, index) => ({ id: ids.resolve(role.id), position: index + 1 })),
      });
      return 'updated';
    }
    case 'channel.create': {
      if (ids.has(step.ref)) return 'skipped';
      const channel = find(snapshot.channels, step.ref);
      const created = (await rest.post(Routes.guildChannels(guildId), {
        body: channelBody(channel, ids, liveRoleIds, true),
      })) as APIChannel;
      context.mapped(channel.id, created.id);
      return 'created';
    }
    case 'channel.update': {
      const channel = find(snapshot.channels, step.ref);
      await rest.patch(Routes.channel(ids.resolve(channel.id)), {
        body: channelBody(channel, ids, liveRoleIds, false),
      });
      return 'updated';
    }
    case 'channel.positions':
      await rest.patch(Routes.guildChannels(guildId), {
        body: snapshot.channels
          .filter((channel) => ids.has(channel.id))
          .map((channel) => ({
            id: ids.resolve(channel.id),
            position: channel.position,
            parent_id: channel.parent_id === null ? null : ids.resolve(channel.parent_id),
          })),
      });
      return 'updated';
    case 'channel.emojis': {
      const channel = find(snapshot.channels, step.ref);
      const body = channelBody(channel, ids, liveRoleIds, false);
      await rest.patch(Routes.channel(ids.resolve(channel.id)), {
        body: {
          available_tags: body.available_tags,
          default_reaction_emoji: body.default_reaction_emoji,
        },
      });
      return 'updated';
    }
    case 'settings.update':
      await rest.patch(Routes.guild(guildId), {
        body: settingsBody(snapshot, context.live.settings, ids, assets),
      });
      return 'updated';
    case 'emoji.create': {
      if (ids.has(step.ref)) return 'skipped';
      const emoji = find(snapshot.emojis, step.ref);
      const created = (await rest.post(Routes.guildEmojis(guildId), {
        body: {
          name: emoji.name,
          image: dataUri(assets, emoji.image),
          roles: emoji.roles.map((id) => ids.resolve(id)),
        },
      })) as APIEmoji;
      if (created.id) context.mapped(emoji.id, created.id);
      return 'created';
    }
    case 'emoji.update': {
      const emoji = find(snapshot.emojis, step.ref);
      await rest.patch(Routes.guildEmoji(guildId, ids.resolve(emoji.id)), {
        body: { name: emoji.name, roles: emoji.roles.map((id) => ids.resolve(id)) },
      });
      return 'updated';
    }
    case 'sticker.create': {
      if (ids.has(step.ref)) return 'skipped';
      const sticker = find(snapshot.stickers, step.ref);
      const asset = sticker.image ? assets.get(sticker.image) : undefined;
      const created = (await rest.post(Routes.guildStickers(guildId), {
        appendToFormData: true,
        body: { name: sticker.name, description: sticker.description ?? '', tags: sticker.tags },
        files: asset
          ? [
              {
                key: 'file',
                name: `${sticker.name}.png`,
                contentType: asset.contentType,
                data: Buffer.from(asset.base64, 'base64'),
              },
            ]
          : [],
      })) as APISticker;
      context.mapped(sticker.id, created.id);
      return 'created';
    }
    case 'sticker.update': {
      const sticker = find(snapshot.stickers, step.ref);
      await rest.patch(Routes.guildSticker(guildId, ids.resolve(sticker.id)), {
        body: { name: sticker.name, description: sticker.description ?? '', tags: sticker.tags },
      });
      return 'updated';
    }
    case 'automod.create': {
      const rule = snapshot.automod.find((r) => String(r.id) === step.ref);
      if (!rule) return 'skipped';
      await rest.post(Routes.guildAutoModerationRules(guildId), { body: automodBody(rule, ids) });
      return 'created';
    }
    case 'ban.create': {
      const ban = snapshot.bans.find((b) => b.user_id === step.ref);
      await rest.put(Routes.guildBan(guildId, step.ref), {
        body: {},
        ...(ban?.reason ? { reason: ban.reason } : {}),
      });
      return 'created';
    }
    case 'member.update': {
      const member = snapshot.members.find((m) => m.user_id === step.ref);
      if (!member) return 'skipped';
      const current = context.live.members.find((m) => m.user_id === step.ref);
      const wanted = member.roles.map((id) => ids.get(id)).filter((id): id is string => !!id);
      await rest.patch(Routes.guildMember(guildId, step.ref), {
        body: { roles: [...new Set([...(current?.roles ?? []), ...wanted])], nick: member.nick },
      });
      return 'updated';
    }
    case 'role.permissions': {
      const role = find(snapshot.roles, step.ref);
      await rest.patch(Routes.guildRole(guildId, ids.resolve(role.id)), {
        body: { permissions: role.permissions },
      });
      return 'updated';
    }
    case 'everyone.permissions':
      await rest.patch(Routes.guildRole(guildId, guildId), {
        body: { permissions: snapshot.everyone.permissions },
      });
      return 'updated';
    case 'framework.restore':
      await context.restoreFramework(guildId, snapshot.framework, ids);
      return 'updated';
    case 'extension.restore': {
      const data = snapshot.extensions[step.ref];
      if (data === undefined) return 'skipped';
      await context.restoreExtension(guildId, step.ref, ids.rewriteJson(data), ids);
      return 'updated';
    }
  }
}
