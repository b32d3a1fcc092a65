import type { Component, Snapshot } from '../snapshot/schema.js';
import type { RestoreMode } from '../types.js';
import {
  channelDifferences,
  emojiDifferences,
  roleDifferences,
  settingsDifferences,
  stickerDifferences,
} from './compare.js';
import type { IdMap } from './id-map.js';
import { matchSnapshot } from './matching.js';
import { emojiIdsOf } from './request-bodies.js';

/** What a step does. Each is one Discord call, except `framework` and `extension` (local). */
export type StepKind =
  | 'role.delete'
  | 'channel.delete'
  | 'emoji.delete'
  | 'sticker.delete'
  | 'ban.delete'
  | 'role.create'
  | 'role.update'
  | 'role.positions'
  | 'channel.create'
  | 'channel.update'
  | 'channel.positions'
  | 'channel.emojis'
  | 'settings.update'
  | 'emoji.create'
  | 'emoji.update'
  | 'sticker.create'
  | 'sticker.update'
  | 'automod.create'
  | 'ban.create'
  | 'member.update'
  | 'role.permissions'
  | 'everyone.permissions'
  | 'framework.restore'
  | 'extension.restore';

/** One step of a restore: `ref` is a snapshot id (a live id for deletes, a name for extensions). */
export interface Step {
  readonly kind: StepKind;
  readonly ref: string;
  /** What the step is about, for progress and reports (`role Moderators`). */
  readonly label: string;
}

/** A restore plan: its steps in dependency order and what it cannot do. */
export interface Plan {
  readonly steps: Step[];
  readonly apiCalls: number;
  readonly cannotRestore: string[];
  /** Roles and channels the plan creates (for Discord's 48 h budget). */
  readonly creates: { roles: number; channels: number };
  /** Mappings found by matching, persisted with the job. */
  readonly ids: IdMap;
}

/** What a plan needs to know about the live guild beyond its capture. */
export interface PlanContext {
  readonly mode: RestoreMode;
  readonly components: ReadonlySet<Component>;
  /** The position of the bot's highest role: it cannot edit or place roles at or above it. */
  readonly botTopPosition: number;
}

const LOCAL_KINDS: ReadonlySet<StepKind> = new Set(['framework.restore', 'extension.restore']);

/** Whether a step calls Discord. */
export function callsDiscord(kind: StepKind): boolean {
  return !LOCAL_KINDS.has(kind);
}

/**
 * Compares a snapshot with the live guild and lists every step, in the order the restore runs
 * them: (mirror deletes) → roles created with no permissions → role positions → categories →
 * channels with overwrites → channel positions → settings that reference channels →
 * emojis/stickers → AutoMod → bans → member roles → role permissions → framework settings and
 * extension data. Pure: the same inputs give the same plan.
 */
export function planRestore(snapshot: Snapshot, live: Snapshot, context: PlanContext): Plan {
  const { ids, unmatched } = matchSnapshot(snapshot, live);
  const has = (component: Component) =>
    context.components.has(component) && snapshot.components.includes(component);
  const steps: Step[] = [];
  const cannotRestore: string[] = [];
  const add = (kind: StepKind, ref: string, label: string) => steps.push({ kind, ref, label });
  const liveRoles = new Map(live.roles.map((role) => [role.id, role]));
  const liveChannels = new Map(live.channels.map((channel) => [channel.id, channel]));
  const editable = (liveRoleId: string) =>
    (liveRoles.get(liveRoleId)?.position ?? 0) < context.botTopPosition;

  if (context.mode === 'mirror') {
    if (has('channels')) {
      for (const id of unmatched.channels)
        add('channel.delete', id, `channel #${liveChannels.get(id)?.name}`);
    }
    if (has('roles')) {
      for (const id of unmatched.roles) {
        const role = liveRoles.get(id);
        if (role && editable(id)) add('role.delete', id, `role ${role.name}`);
        else if (role)
          cannotRestore.push(`role ${role.name}: at or above the bot's highest role, not deleted`);
      }
    }
    if (has('emojis')) for (const id of unmatched.emojis) add('emoji.delete', id, `emoji ${id}`);
    if (has('stickers'))
      for (const id of unmatched.stickers) add('sticker.delete', id, `sticker ${id}`);
    if (has('bans')) {
      const wanted = new Set(snapshot.bans.map((ban) => ban.user_id));
      for (const ban of live.bans)
        if (!wanted.has(ban.user_id)) add('ban.delete', ban.user_id, `ban of ${ban.user_id}`);
    }
  }

  let rolesCreated = 0;
  if (has('roles')) {
    // A managed role comes back with its integration (the bot's own role is already there).
    const liveManaged = new Set(live.roles.filter((r) => r.managed).map((r) => r.name));
    for (const role of snapshot.roles.filter((r) => r.managed && !liveManaged.has(r.name))) {
      cannotRestore.push(`role ${role.name}: managed by an integration (re-add the integration)`);
    }
    // Highest first: each new role lands just above @everyone, so this keeps their order.
    const restorable = snapshot.roles
      .filter((role) => !role.managed)
      .sort((a, b) => b.position - a.position);
    for (const role of restorable) {
      const liveId = ids.get(role.id);
      const current = liveId ? liveRoles.get(liveId) : undefined;
      if (!current) {
        add('role.create', role.id, `role ${role.name}`);
        rolesCreated += 1;
      } else if (!editable(current.id)) {
        cannotRestore.push(`role ${role.name}: at or above the bot's highest role`);
      } else if (roleDifferences(role, current).length > 0) {
        add('role.update', role.id, `role ${role.name}`);
      }
    }
    if (rolesCreated > 0 || roleOrderDiffers(snapshot, live, ids)) {
      add('role.positions', 'roles', 'role positions');
    }
  }

  let channelsCreated = 0;
  if (has('channels')) {
    const ordered = [
      ...snapshot.channels.filter((c) => c.type === 4),
      ...snapshot.channels.filter((c) => c.type !== 4),
    ];
    let positionsDiffer = false;
    for (const channel of ordered) {
      const liveId = ids.get(channel.id);
      const current = liveId ? liveChannels.get(liveId) : undefined;
      if (!current) {
        add('channel.create', channel.id, `channel #${channel.name}`);
        channelsCreated += 1;
        continue;
      }
      if (channelDifferences(channel, current, ids).length > 0) {
        add('channel.update', channel.id, `channel #${channel.name}`);
      }
      const parent = channel.parent_id ? ids.resolve(channel.parent_id) : null;
      if (current.position !== channel.position || current.parent_id !== parent)
        positionsDiffer = true;
    }
    if (channelsCreated > 0 || positionsDiffer)
      add('channel.positions', 'channels', 'channel positions');
  }

  if (has('settings') && settingsDifferences(snapshot.settings, live.settings, ids).length > 0) {
    add('settings.update', 'settings', 'server settings');
  }

  if (has('emojis')) {
    const liveEmojis = new Map(live.emojis.map((e) => [e.id, e]));
    for (const emoji of snapshot.emojis) {
      const current = liveEmojis.get(ids.get(emoji.id) ?? '');
      if (!current) {
        if (emoji.image) add('emoji.create', emoji.id, `emoji ${emoji.name}`);
        else cannotRestore.push(`emoji ${emoji.name}: its image was not captured`);
      } else if (emojiDifferences(emoji, current, ids).length > 0) {
        add('emoji.update', emoji.id, `emoji ${emoji.name}`);
      }
    }
  }
  if (has('stickers')) {
    const liveStickers = new Map(live.stickers.map((s) => [s.id, s]));
    for (const sticker of snapshot.stickers) {
      const current = liveStickers.get(ids.get(sticker.id) ?? '');
      if (!current) {
        if (sticker.image) add('sticker.create', sticker.id, `sticker ${sticker.name}`);
        else cannotRestore.push(`sticker ${sticker.name}: its image was not captured`);
      } else if (stickerDifferences(sticker, current).length > 0) {
        add('sticker.update', sticker.id, `sticker ${sticker.name}`);
      }
    }
  }
  if (has('channels') && has('emojis')) {
    // Forum tags and default reactions with emojis that did not exist when the channel was made.
    for (const channel of snapshot.channels) {
      const emojiIds = emojiIdsOf(channel);
      if (emojiIds.length > 0 && emojiIds.some((id) => !ids.has(id))) {
        add('channel.emojis', channel.id, `emojis of #${channel.name}`);
      }
    }
  }
  if (has('automod')) {
    const liveNames = new Set(live.automod.map((rule) => String(rule.name)));
    for (const rule of snapshot.automod) {
      if (!liveNames.has(String(rule.name)))
        add('automod.create', String(rule.id), `AutoMod rule ${String(rule.name)}`);
    }
  }
  if (has('bans')) {
    const banned = new Set(live.bans.map((ban) => ban.user_id));
    for (const ban of snapshot.bans) {
      if (!banned.has(ban.user_id)) add('ban.create', ban.user_id, `ban of ${ban.user_id}`);
    }
  }
  if (has('members')) {
    const liveMembers = new Map(live.members.map((m) => [m.user_id, m]));
    for (const member of snapshot.members) {
      const current = liveMembers.get(member.user_id);
      if (!current) {
        cannotRestore.push(`member ${member.user_id}: not in the guild`);
        continue;
      }
      const want = member.roles
        .map((id) => ids.get(id))
        .filter((id): id is string => id !== undefined);
      const missing = want.some((id) => !current.roles.includes(id));
      if (missing || current.nick !== member.nick)
        add('member.update', member.user_id, `member ${member.user_id}`);
    }
  }
  if (has('roles')) {
    for (const role of snapshot.roles.filter((r) => !r.managed)) {
      const liveId = ids.get(role.id);
      const current = liveId ? liveRoles.get(liveId) : undefined;
      const created = !current;
      if (
        created
          ? role.permissions !== '0'
          : editable(current.id) && current.permissions !== role.permissions
      ) {
        add('role.permissions', role.id, `permissions of ${role.name}`);
      }
    }
    if (live.everyone.permissions !== snapshot.everyone.permissions) {
      add('everyone.permissions', snapshot.guild.id, 'permissions of @everyone');
    }
  }
  if (has('framework')) add('framework.restore', 'framework', 'framework settings');
  if (has('extensions')) {
    for (const name of Object.keys(snapshot.extensions).sort())
      add('extension.restore', name, `data of ${name}`);
  }
  if (snapshot.webhooks.length > 0) {
    cannotRestore.push(
      `${snapshot.webhooks.length} webhooks: kept as metadata only (tokens are never stored)`,
    );
  }
  return {
    steps,
    apiCalls: steps.filter((step) => callsDiscord(step.kind)).length,
    cannotRestore,
    creates: { roles: rolesCreated, channels: channelsCreated },
    ids,
  };
}

/** Whether the matched roles' relative order differs from the snapshot's. */
export function roleOrderDiffers(snapshot: Snapshot, live: Snapshot, ids: IdMap): boolean {
  const livePosition = new Map(live.roles.map((role) => [role.id, role.position]));
  const wanted = snapshot.roles
    .filter((role) => !role.managed && ids.has(role.id))
    .sort((a, b) => a.position - b.position)
    .map((role) => ids.resolve(role.id));
  const actual = [...wanted].sort(
    (a, b) => (livePosition.get(a) ?? 0) - (livePosition.get(b) ?? 0),
  );
  return wanted.some((id, index) => actual[index] !== id);
}
