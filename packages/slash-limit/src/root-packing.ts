import { DiscordLimits } from './limits.js';

/** A command that may be folded into a category root. */
export interface Foldable {
  readonly name: string;
  /** Position in the priority order (0 = most important). */
  readonly rank: number;
  /** Its share of the root's 4,000-character budget. */
  readonly cost: number;
  /** Has subcommands, so it folds whole as a group. */
  readonly asGroup: boolean;
  /** The base name of its root (`mod`). */
  readonly base: string;
  /** Root-level fields subcommands cannot carry (permissions, nsfw, contexts), as a key. */
  readonly signature: string;
}

/** One root as packed: which commands it holds and whether plain ones are bundled in groups. */
export interface PackedRoot {
  readonly base: string;
  readonly signature: string;
  /** In name order. */
  readonly members: readonly Foldable[];
  /** More than 25 entries: plain commands are bundled into groups of up to 25. */
  readonly nested: boolean;
}

/** Characters reserved for a root's own name (≤ 32) and description (≤ 100). */
export const ROOT_OVERHEAD = DiscordLimits.nameLength + DiscordLimits.descriptionLength;
/** Characters reserved per bundling group: its range name and a description of ≤ 80. */
export const GROUP_OVERHEAD = DiscordLimits.nameLength + 80;
/** The largest command that still fits into a root on its own. */
export const MAX_FOLDABLE_COST = DiscordLimits.combinedCharacters - ROOT_OVERHEAD;

const PER_LEVEL = DiscordLimits.options;

function fits(groups: number, plains: number, chars: number, bundle: boolean): boolean {
  if (groups + plains <= PER_LEVEL) return chars <= DiscordLimits.combinedCharacters;
  if (!bundle) return false;
  const bundles = Math.ceil(plains / PER_LEVEL);
  return (
    groups + bundles <= PER_LEVEL &&
    chars + bundles * GROUP_OVERHEAD <= DiscordLimits.combinedCharacters
  );
}

/** Foldable commands that share a root base name and signature, in name order. */
export interface Bucket {
  readonly base: string;
  readonly signature: string;
  readonly items: Foldable[];
}

/**
 * Groups commands into buckets by root base name and signature, in (base, signature) order.
 * A command only ever shares roots with its own bucket.
 *
 * @param byName - the commands to fold, sorted by name
 * @param baseOf - the bucket base name of a command (lets the planner merge small categories)
 */
export function bucketize(
  byName: readonly Foldable[],
  baseOf: (item: Foldable) => string = (item) => item.base,
): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const item of byName) {
    const base = baseOf(item);
    const key = `${base}\u0000${item.signature}`;
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { base, signature: item.signature, items: [] };
      buckets.set(key, bucket);
    }
    bucket.items.push(item);
  }
  return [...buckets.keys()].sort().map((key) => buckets.get(key)!);
}

/**
 * How many roots {@link packBuckets} would produce, without building them (the planner calls
 * this repeatedly while searching for the best split).
 */
export function countRoots(
  buckets: readonly Bucket[],
  from: number,
  to: number,
  bundle: boolean,
): number {
  return fill(buckets, from, to, bundle, undefined);
}

/**
 * Fills roots greedily in name order within each bucket, taking only commands whose rank is in
 * `[from, to)`. Adding one command therefore moves at most the commands after it in its own
 * bucket. A root holds up to 25 entries and 4,000 characters; with `bundle`, plain commands
 * beyond 25 entries are bundled into groups of 25 (up to 625 per root) instead of opening the
 * next root.
 */
export function packBuckets(
  buckets: readonly Bucket[],
  from: number,
  to: number,
  bundle: boolean,
): PackedRoot[] {
  const roots: PackedRoot[] = [];
  fill(buckets, from, to, bundle, roots);
  return roots;
}

function fill(
  buckets: readonly Bucket[],
  from: number,
  to: number,
  bundle: boolean,
  roots: PackedRoot[] | undefined,
): number {
  let count = 0;
  for (const bucket of buckets) {
    let members: Foldable[] = [];
    let size = 0;
    let groups = 0;
    let plains = 0;
    let chars = ROOT_OVERHEAD;
    const flush = () => {
      count++;
      const nested = groups + plains > PER_LEVEL;
      roots?.push({ base: bucket.base, signature: bucket.signature, members, nested });
    };
    for (const item of bucket.items) {
      if (item.rank < from || item.rank >= to) continue;
      const g = item.asGroup ? 1 : 0;
      if (size > 0 && !fits(groups + g, plains + 1 - g, chars + item.cost, bundle)) {
        flush();
        members = [];
        size = 0;
        groups = 0;
        plains = 0;
        chars = ROOT_OVERHEAD;
      }
      if (roots !== undefined) members.push(item);
      size++;
      groups += g;
      plains += 1 - g;
      chars += item.cost;
    }
    if (size > 0) flush();
  }
  return count;
}
