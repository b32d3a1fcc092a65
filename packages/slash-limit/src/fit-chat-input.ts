import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandSpec } from './command-spec.js';
import type { ResolvedPlanOptions } from './plan-options.js';
import type { FoldedRoute } from './plan-types.js';
import { buildRoots } from './root-builder.js';
import { rootBaseOf, rootLabelOf } from './root-naming.js';
import {
  bucketize,
  countRoots,
  type Foldable,
  MAX_FOLDABLE_COST,
  packBuckets,
} from './root-packing.js';
import { stableStringify } from './stable-json.js';

type ChatInputPayload = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** A valid chat-input command ready to be placed. */
export interface ChatInputEntry {
  readonly spec: CommandSpec;
  readonly payload: ChatInputPayload;
  /** Its combined character count (see `combinedCharacters`). */
  readonly cost: number;
}

/** Where each chat-input command ends up. */
export interface ChatInputFit {
  /** Top-level commands first (in rank order), then the roots. */
  readonly register: ChatInputPayload[];
  readonly topLevel: readonly string[];
  readonly folded: ReadonlyMap<string, FoldedRoute>;
  /** Name → why it could not be registered. */
  readonly unplaced: ReadonlyMap<string, string>;
  readonly rootCount: number;
  /** Categories folded into the shared root because there were too many small ones. */
  readonly mergedCategories: readonly string[];
}

/** Pinned first, then higher priority, then name (code-unit order, locale-independent). */
export function compareRank(a: CommandSpec, b: CommandSpec): number {
  const pin = Number(b.pinned === true) - Number(a.pinned === true);
  if (pin !== 0) return pin;
  const priority = priorityOf(b) - priorityOf(a);
  if (priority !== 0) return priority;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function priorityOf(spec: CommandSpec): number {
  return typeof spec.priority === 'number' && Number.isFinite(spec.priority) ? spec.priority : 0;
}

/** Root-level fields a subcommand cannot carry; only commands that agree share a root. */
function signatureOf(payload: ChatInputPayload): string {
  const { default_member_permissions, dm_permission, nsfw, contexts, integration_types } = payload;
  if (
    (default_member_permissions ?? null) === null &&
    (dm_permission ?? true) &&
    !(nsfw ?? false) &&
    (contexts ?? null) === null &&
    (integration_types ?? null) === null
  ) {
    return '';
  }
  const sorted = (list: readonly number[] | null | undefined) =>
    list === undefined || list === null ? null : [...list].sort((a, b) => a - b);
  return stableStringify({
    permissions: payload.default_member_permissions ?? null,
    dm: payload.dm_permission ?? true,
    nsfw: payload.nsfw ?? false,
    contexts: sorted(payload.contexts),
    integrations: sorted(payload.integration_types),
  });
}

/**
 * Places valid chat-input commands within `safeLimit` (see the README, "How fitting works").
 * @param entries - sorted by {@link compareRank}
 * @param taken - every original chat-input name (a root never reuses one)
 */
export function fitChatInput(
  entries: readonly ChatInputEntry[],
  options: ResolvedPlanOptions,
  taken: ReadonlySet<string>,
): ChatInputFit {
  const limit = options.safeLimit;
  const unplaced = new Map<string, string>();
  const plain = (top: readonly ChatInputEntry[]): ChatInputFit => ({
    register: top.map((e) => e.payload),
    topLevel: top.map((e) => e.payload.name),
    folded: new Map(),
    unplaced,
    rootCount: 0,
    mergedCategories: [],
  });
  if (entries.length <= limit) return plain(entries);
  if (!options.fold) {
    for (const e of entries.slice(limit)) {
      unplaced.set(e.payload.name, `more than safeLimit (${limit}) commands and folding is off`);
    }
    return plain(entries.slice(0, limit));
  }

  const pinned = entries.filter((e) => e.spec.pinned === true);
  for (const e of pinned.slice(limit)) {
    unplaced.set(e.payload.name, `pinned, but more than safeLimit (${limit}) commands are pinned`);
  }
  const top: ChatInputEntry[] = pinned.slice(0, limit);
  const unfoldable: ChatInputEntry[] = [];
  const foldable: Foldable[] = [];
  const labels = new Map<string, string>();
  const baseCache = new Map<string | undefined, string>();
  const byName = new Map<string, ChatInputEntry>();
  for (const e of entries) {
    byName.set(e.payload.name, e);
    if (e.spec.pinned === true) continue;
    const list = e.payload.options ?? [];
    const cost = e.cost;
    const hasGroups = list.some((o) => o.type === ApplicationCommandOptionType.SubcommandGroup);
    if (hasGroups || cost > MAX_FOLDABLE_COST) {
      unfoldable.push(e);
      continue;
    }
    const category = e.spec.category;
    let base = baseCache.get(category);
    if (base === undefined) {
      base = rootBaseOf(category, options);
      baseCache.set(category, base);
    }
    if (!labels.has(base)) labels.set(base, rootLabelOf(e.spec.category));
    foldable.push({
      name: e.payload.name,
      rank: foldable.length,
      cost,
      asGroup: list.some((o) => o.type === ApplicationCommandOptionType.Subcommand),
      base,
      signature: signatureOf(e.payload),
    });
  }
  const foldByName = [...foldable].sort((a, b) => (a.name < b.name ? -1 : 1));
  const budget = limit - top.length;

  // Categories to merge into the shared root if separate roots cannot fit: smallest first.
  const sizes = new Map<string, number>();
  for (const f of foldable) sizes.set(f.base, (sizes.get(f.base) ?? 0) + 1);
  const defaultBase = rootBaseOf(undefined, options);
  const mergeOrder = [...sizes.keys()]
    .filter((base) => base !== defaultBase)
    .sort((a, b) => sizes.get(a)! - sizes.get(b)! || (a < b ? -1 : 1));
  const baseWith = (merged: ReadonlySet<string>) => (f: Foldable) =>
    merged.has(f.base) ? defaultBase : f.base;
  const bucketCache = new Map<number, ReturnType<typeof bucketize>>();
  const bucketsWith = (mergedCount: number) => {
    let buckets = bucketCache.get(mergedCount);
    if (buckets === undefined) {
      buckets = bucketize(foldByName, baseWith(new Set(mergeOrder.slice(0, mergedCount))));
      bucketCache.set(mergedCount, buckets);
    }
    return buckets;
  };

  // A command that cannot fold gets a top-level slot before one that can: the latter stays a
  // slash command inside a root either way, the former would be lost to prefix-only.
  const n = foldable.length;
  const fewestRoots = n === 0 ? 0 : countRoots(bucketsWith(mergeOrder.length), 0, n, true);
  const unfoldableSlots = Math.min(unfoldable.length, Math.max(0, budget - fewestRoots));
  top.push(...unfoldable.slice(0, unfoldableSlots));
  for (const e of unfoldable.slice(unfoldableSlots)) {
    const why = (e.payload.options ?? []).some(
      (o) => o.type === ApplicationCommandOptionType.SubcommandGroup,
    )
      ? 'has subcommand groups, so it cannot fold, and no top-level slot is left'
      : 'too large to fold into a root, and no top-level slot is left';
    unplaced.set(e.payload.name, why);
  }
  const slots = budget - unfoldableSlots;

  // Prefer flat roots (`/mod ban`, `/mod-2 kick`) and separate categories; bundle plain commands
  // into groups (`/mod ban-kick ban`) only when flat roots do not fit, and merge the smallest
  // categories into the shared root only when neither does.
  const merges = mergeOrder.map((_, i) => i + 1);
  const strategies = [
    { bundle: false, mergedCount: 0 },
    { bundle: true, mergedCount: 0 },
    ...merges.map((mergedCount) => ({ bundle: false, mergedCount })),
    ...merges.map((mergedCount) => ({ bundle: true, mergedCount })),
  ];
  const { bundle, mergedCount } = strategies.find(
    (s) => countRoots(bucketsWith(s.mergedCount), 0, n, s.bundle) <= slots,
  ) ?? { bundle: true, mergedCount: mergeOrder.length };
  const buckets = bucketsWith(mergedCount);
  const rootsFor = (from: number, to: number) => countRoots(buckets, from, to, bundle);

  let keep = n;
  if (rootsFor(0, n) > slots) {
    // Even one shared root per signature is too many: keep the best-ranked commands that fit.
    let low = 0;
    let high = foldable.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (rootsFor(0, mid) <= slots) low = mid;
      else high = mid - 1;
    }
    keep = low;
    for (const f of foldable.slice(keep)) unplaced.set(f.name, 'no room left in any root');
  }

  // The most commands top-level (k best-ranked foldables) such that k + roots ≤ slots.
  const fitsWith = (k: number) => k <= keep && k + rootsFor(k, keep) <= slots;
  let k = Math.max(0, slots - rootsFor(0, keep));
  while (k > 0 && !fitsWith(k)) k--;
  while (fitsWith(k + 1)) k++;
  for (const f of foldable.slice(0, k)) top.push(byName.get(f.name)!);

  const built = buildRoots(
    packBuckets(buckets, k, keep, bundle),
    (name) => byName.get(name)!.payload,
    (b) => labels.get(b) ?? rootLabelOf(undefined),
    taken,
  );
  top.sort((a, b) => compareRank(a.spec, b.spec));
  return {
    register: [...top.map((e) => e.payload), ...built.payloads],
    topLevel: top.map((e) => e.payload.name),
    folded: built.routes,
    unplaced,
    rootCount: built.payloads.length,
    mergedCategories: mergeOrder.slice(0, mergedCount),
  };
}
