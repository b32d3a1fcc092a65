import type { ExtensionContext } from '@zoryx/framework';
import { levelForXp, totalXpForLevel } from './curve.js';
import type { AwardResult, Rank } from './types.js';

type Row = { user_id: string; xp: number; level: number; messages: number };

/**
 * XP kept in each guild's `leveling_xp` table. The extension runs every change through one queue,
 * so a read-then-write here never interleaves with another change.
 */
export class XpStore {
  public constructor(private readonly db: ExtensionContext['db']) {}

  /** Message XP: `amount` unless the last award was less than `cooldownMs` before `now`. */
  public async award(
    guildId: string,
    userId: string,
    award: { amount: number; now: number; cooldownMs: number },
  ): Promise<AwardResult> {
    const db = await this.db.guild(guildId);
    const row = await db
      .selectFrom('leveling_xp')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (row && award.now - row.last_awarded_at < award.cooldownMs) {
      return {
        awarded: false,
        reason: 'cooldown',
        retryAt: row.last_awarded_at + award.cooldownMs,
      };
    }
    const xp = (row?.xp ?? 0) + award.amount;
    const level = levelForXp(xp);
    await db
      .insertInto('leveling_xp')
      .values({ user_id: userId, xp, level, messages: 1, last_awarded_at: award.now })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet((eb) => ({
          xp,
          level,
          messages: eb('leveling_xp.messages', '+', 1),
          last_awarded_at: award.now,
        })),
      )
      .execute();
    return { awarded: true, amount: award.amount, xp, level, previousLevel: row?.level ?? 0 };
  }

  /** Adds XP (negative removes, never below 0) without touching the cooldown. */
  public async add(guildId: string, userId: string, amount: number): Promise<void> {
    const db = await this.db.guild(guildId);
    const row = await db
      .selectFrom('leveling_xp')
      .select('xp')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const xp = Math.max(0, (row?.xp ?? 0) + amount);
    const level = levelForXp(xp);
    await db
      .insertInto('leveling_xp')
      .values({ user_id: userId, xp, level, messages: 0, last_awarded_at: 0 })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ xp, level }))
      .execute();
  }

  public async rankOf(guildId: string, userId: string): Promise<Rank> {
    const db = await this.db.guild(guildId);
    const row = await db
      .selectFrom('leveling_xp')
      .select(['user_id', 'xp', 'level', 'messages'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const xp = row?.xp ?? 0;
    const ahead = await db
      .selectFrom('leveling_xp')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('xp', '>', xp)
      .executeTakeFirstOrThrow();
    return toRank(row ?? { user_id: userId, xp: 0, level: 0, messages: 0 }, Number(ahead.n) + 1);
  }

  /** Best first; members with equal XP share a position. */
  public async leaderboard(guildId: string, limit: number): Promise<Rank[]> {
    const db = await this.db.guild(guildId);
    const rows = await db
      .selectFrom('leveling_xp')
      .select(['user_id', 'xp', 'level', 'messages'])
      .where('xp', '>', 0)
      .orderBy('xp', 'desc')
      .orderBy('user_id')
      .limit(limit)
      .execute();
    return rows.map((row, index) => {
      const first = rows.findIndex((other) => other.xp === row.xp);
      return toRank(row, (first === -1 ? index : first) + 1);
    });
  }

  public async reset(guildId: string, userId: string): Promise<void> {
    const db = await this.db.guild(guildId);
    await db.deleteFrom('leveling_xp').where('user_id', '=', userId).execute();
  }
}

function toRank(row: Row, position: number): Rank {
  return {
    userId: row.user_id,
    xp: row.xp,
    level: row.level,
    messages: row.messages,
    position,
    nextLevelXp: totalXpForLevel(row.level + 1),
  };
}
