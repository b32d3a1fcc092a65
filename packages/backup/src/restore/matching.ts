import type { Snapshot } from '../snapshot/schema.js';
import { IdMap } from './id-map.js';

/** What a restore acts on, by component. */
export interface Matches {
  /** Snapshot id → live id of everything found in the live guild. */
  readonly ids: IdMap;
  /** Live ids nothing in the snapshot matched (what mirror mode deletes). */
  readonly unmatched: {
    roles: string[];
    channels: string[];
    emojis: string[];
    stickers: string[];
  };
}

function matchList<T extends { id: string }>(
  want: readonly T[],
  have: readonly T[],
  ids: IdMap,
  keyOf: (item: T, side: 'want' | 'have') => string,
  eligible: (item: T) => boolean = () => true,
): string[] {
  const byId = new Map(have.filter(eligible).map((item) => [item.id, item]));
  const taken = new Set<string>();
  // First by id: the same guild, or entities that survived.
  for (const item of want) {
    if (byId.has(item.id)) {
      ids.set(item.id, item.id);
      taken.add(item.id);
    }
  }
  // Then by key (type + name + mapped parent), first come first served.
  const byKey = new Map<string, T[]>();
  for (const item of have) {
    if (taken.has(item.id) || !eligible(item)) continue;
    const key = keyOf(item, 'have');
    byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  for (const item of want) {
    if (ids.has(item.id)) continue;
    const candidate = byKey.get(keyOf(item, 'want'))?.shift();
    if (candidate) {
      ids.set(item.id, candidate.id);
      taken.add(candidate.id);
    }
  }
  return have.filter((item) => eligible(item) && !taken.has(item.id)).map((item) => item.id);
}

/**
 * Matches a snapshot to the live guild: by id first, then roles by name, channels by type +
 * name + (mapped) parent, emojis and stickers by name. Categories are matched before the
 * channels in them, so a channel's parent is compared through the map. Managed roles are never
 * matched (they belong to integrations). `seed` keeps mappings made earlier (a resumed job).
 */
export function matchSnapshot(snapshot: Snapshot, live: Snapshot, seed?: IdMap): Matches {
  const ids = seed ?? new IdMap();
  ids.set(snapshot.guild.id, live.guild.id);
  const roles = matchList(
    snapshot.roles.filter((role) => !role.managed && !ids.has(role.id)),
    live.roles.filter((role) => !ids.targets().has(role.id)),
    ids,
    (role) => role.name.toLowerCase(),
    (role) => !role.managed,
  );
  const isCategory = (c: Snapshot['channels'][number]) => c.type === 4;
  const categories = matchList(
    snapshot.channels.filter((c) => isCategory(c) && !ids.has(c.id)),
    live.channels.filter((c) => isCategory(c) && !ids.targets().has(c.id)),
    ids,
    (c) => `4:${c.name}`,
  );
  const channels = matchList(
    snapshot.channels.filter((c) => !isCategory(c) && !ids.has(c.id)),
    live.channels.filter((c) => !isCategory(c) && !ids.targets().has(c.id)),
    ids,
    (c, side) =>
      `${c.type}:${c.name}:${side === 'want' && c.parent_id ? ids.resolve(c.parent_id) : c.parent_id}`,
  );
  const emojis = matchList(
    snapshot.emojis.filter((e) => !ids.has(e.id)),
    live.emojis.filter((e) => !ids.targets().has(e.id)),
    ids,
    (e) => e.name,
  );
  const stickers = matchList(
    snapshot.stickers.filter((s) => !ids.has(s.id)),
    live.stickers.filter((s) => !ids.targets().has(s.id)),
    ids,
    (s) => s.name,
  );
  return {
    ids,
    unmatched: { roles, channels: [...categories, ...channels], emojis, stickers },
  };
}
