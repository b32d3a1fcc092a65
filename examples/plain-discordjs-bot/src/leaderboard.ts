import type { AtomicStore } from '@zoryx/store';

/** One member's line in a guild's file. */
export interface MemberCount {
  /** The member's username when they last sent a message (for display). */
  name: string;
  count: number;
}

/** What `guilds/<guildId>.json` holds. */
export interface GuildCounts {
  members: Record<string, MemberCount>;
}

/** A ranked entry of {@link Leaderboard.top}. */
export interface RankedMember extends MemberCount {
  readonly userId: string;
  /** 1-based; members with equal counts share a rank. */
  readonly rank: number;
}

/** What {@link Leaderboard.record} resolves with. */
export interface RecordedMessage {
  /** The member's count before this message. */
  readonly previous: number;
  /** The member's count with this message. */
  readonly count: number;
}

/**
 * Per-guild message counters persisted in one JSON file per guild through `@zoryx/store`.
 *
 * Counting goes through `store.update`, an atomic read-modify-write under the file's lock:
 * concurrent messages never lose an increment, and a crash leaves the file as it was before or
 * after a write, never torn. Calls on one guild run in the order they were made, so a command
 * that records and then reads sees every message that arrived before it.
 */
export class Leaderboard {
  readonly #store: AtomicStore;

  /** @param store - the store the guild files live in (under `guilds/`). */
  public constructor(store: AtomicStore) {
    this.#store = store;
  }

  /** Counts one message of `user` in `guildId` and resolves once it is on disk. */
  public async record(
    guildId: string,
    user: { readonly id: string; readonly name: string },
  ): Promise<RecordedMessage> {
    let previous = 0;
    const next = await this.#store.update<GuildCounts>(guildFile(guildId), (current) => {
      const counts = current ?? { members: {} };
      previous = counts.members[user.id]?.count ?? 0;
      counts.members[user.id] = { name: user.name, count: previous + 1 };
      return counts;
    });
    return { previous, count: next.members[user.id]?.count ?? previous + 1 };
  }

  /** A member's count in a guild (0 if they never wrote there). */
  public async countOf(guildId: string, userId: string): Promise<number> {
    const counts = await this.#store.readJson<GuildCounts>(guildFile(guildId));
    return counts?.members[userId]?.count ?? 0;
  }

  /** The `limit` members with the most messages, most first (ties by name). */
  public async top(guildId: string, limit: number): Promise<RankedMember[]> {
    const counts = await this.#store.readJson<GuildCounts>(guildFile(guildId));
    const sorted = Object.entries(counts?.members ?? {})
      .map(([userId, member]) => ({ userId, name: member.name, count: member.count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    const ranked: RankedMember[] = [];
    for (const [index, member] of sorted.slice(0, limit).entries()) {
      const before = ranked[index - 1];
      const rank = before !== undefined && before.count === member.count ? before.rank : index + 1;
      ranked.push({ ...member, rank });
    }
    return ranked;
  }
}

/** The store path of a guild's counters. */
export function guildFile(guildId: string): string {
  return `guilds/${guildId}.json`;
}
