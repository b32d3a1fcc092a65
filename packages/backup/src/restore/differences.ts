import type { Component, Snapshot } from '../snapshot/schema.js';
import {
  channelDifferences,
  emojiDifferences,
  roleDifferences,
  settingsDifferences,
  stickerDifferences,
} from './compare.js';
import type { IdMap } from './id-map.js';
import { matchSnapshot } from './matching.js';
import { roleOrderDiffers } from './plan.js';

/**
 * What still differs between a snapshot and the live guild, read through the id map: missing
 * entities, differing fields, role order, channel positions and parents, overwrites (targets
 * mapped), settings, bans. Empty when the restored components match exactly.
 */
export function differencesThroughMap(
  snapshot: Snapshot,
  live: Snapshot,
  ids: IdMap,
  components: ReadonlySet<Component>,
): string[] {
  const out: string[] = [];
  const has = (c: Component) => components.has(c) && snapshot.components.includes(c);
  if (has('roles')) {
    const liveRoles = new Map(live.roles.map((r) => [r.id, r]));
    for (const role of snapshot.roles.filter((r) => !r.managed)) {
      const current = liveRoles.get(ids.get(role.id) ?? '');
      if (!current) {
        out.push(`role ${role.name}: missing`);
        continue;
      }
      const fields = roleDifferences(role, current);
      if (current.permissions !== role.permissions) fields.push('permissions');
      if (fields.length > 0) out.push(`role ${role.name}: ${fields.join(', ')}`);
    }
    if (roleOrderDiffers(snapshot, live, ids)) out.push('roles: order differs');
    if (live.everyone.permissions !== snapshot.everyone.permissions)
      out.push('@everyone: permissions');
  }
  if (has('channels')) {
    const liveChannels = new Map(live.channels.map((c) => [c.id, c]));
    for (const channel of snapshot.channels) {
      const current = liveChannels.get(ids.get(channel.id) ?? '');
      if (!current) {
        out.push(`channel #${channel.name}: missing`);
        continue;
      }
      const fields = channelDifferences(channel, current, ids);
      if (current.position !== channel.position) fields.push('position');
      const parent = channel.parent_id === null ? null : ids.resolve(channel.parent_id);
      if (current.parent_id !== parent) fields.push('parent');
      if (current.type !== channel.type) fields.push('type');
      if (fields.length > 0) out.push(`channel #${channel.name}: ${fields.join(', ')}`);
    }
  }
  if (has('settings')) {
    const fields = settingsDifferences(snapshot.settings, live.settings, ids);
    if (fields.length > 0) out.push(`settings: ${fields.join(', ')}`);
  }
  if (has('emojis')) {
    const liveEmojis = new Map(live.emojis.map((e) => [e.id, e]));
    for (const emoji of snapshot.emojis) {
      const current = liveEmojis.get(ids.get(emoji.id) ?? '');
      if (!current) out.push(`emoji ${emoji.name}: missing`);
      else if (emojiDifferences(emoji, current, ids).length > 0)
        out.push(`emoji ${emoji.name}: differs`);
    }
  }
  if (has('stickers')) {
    const liveStickers = new Map(live.stickers.map((s) => [s.id, s]));
    for (const sticker of snapshot.stickers) {
      const current = liveStickers.get(ids.get(sticker.id) ?? '');
      if (!current) out.push(`sticker ${sticker.name}: missing`);
      else if (stickerDifferences(sticker, current).length > 0)
        out.push(`sticker ${sticker.name}: differs`);
    }
  }
  if (has('bans')) {
    const banned = new Set(live.bans.map((b) => b.user_id));
    for (const ban of snapshot.bans)
      if (!banned.has(ban.user_id)) out.push(`ban of ${ban.user_id}: missing`);
  }
  if (has('automod')) {
    const names = new Set(live.automod.map((rule) => String(rule.name)));
    for (const rule of snapshot.automod) {
      if (!names.has(String(rule.name))) out.push(`AutoMod rule ${String(rule.name)}: missing`);
    }
  }
  return out;
}

/** Differences between two snapshots (or a snapshot and the live guild), matched by id then name. */
export function diffSnapshots(
  base: Snapshot,
  other: Snapshot,
): { added: string[]; removed: string[]; changed: string[] } {
  const { ids, unmatched } = matchSnapshot(base, other);
  const added: string[] = [];
  const removed: string[] = [];
  const all = new Set(base.components);
  const differences = differencesThroughMap(base, other, ids, all);
  const changed = differences.filter((line) => !line.endsWith(': missing'));
  for (const line of differences.filter((l) => l.endsWith(': missing'))) {
    removed.push(line.slice(0, -': missing'.length));
  }
  const roleNames = new Map(other.roles.map((r) => [r.id, r.name]));
  const channelNames = new Map(other.channels.map((c) => [c.id, c.name]));
  for (const id of unmatched.roles) added.push(`role ${roleNames.get(id)}`);
  for (const id of unmatched.channels) added.push(`channel #${channelNames.get(id)}`);
  for (const id of unmatched.emojis)
    added.push(`emoji ${other.emojis.find((e) => e.id === id)?.name}`);
  for (const id of unmatched.stickers)
    added.push(`sticker ${other.stickers.find((s) => s.id === id)?.name}`);
  const bans = new Set(base.bans.map((b) => b.user_id));
  for (const ban of other.bans) if (!bans.has(ban.user_id)) added.push(`ban of ${ban.user_id}`);
  return { added, removed, changed };
}
