import { defineExtension } from '@zoryx/framework';
import { z } from 'zod';
import { daily } from './daily-command.js';
import type { ClaimResult, DailyApi } from './types.js';

const HOUR = 3_600_000;
/** A claim is allowed 20 h after the previous one… */
const CLAIM_EVERY_MS = 20 * HOUR;
/** …and keeps the streak going when it comes within 48 h. */
const STREAK_WINDOW_MS = 48 * HOUR;
/** Store file (data/extensions/daily/) with the best streak per guild. */
const BEST_STREAKS = 'best-streaks.json';

/**
 * A daily reward paid through the economy extension's public API. Depends on `economy`: the
 * loader boots economy first, and refuses daily (with the reason) when economy is missing.
 */
export default defineExtension({
  name: 'daily',
  version: '1.0.0',
  description: 'A daily coin reward with streaks, paid through economy',
  dependencies: { economy: '^1.0.0' },
  config: z.object({
    amount: z.int().min(1).default(100),
    streakBonus: z.int().min(0).default(10),
  }),
  migrations: {
    guild: {
      '0001_daily_claims': {
        async up(db) {
          await db.schema
            .createTable('daily_claims')
            .addColumn('user_id', 'text', (c) => c.primaryKey())
            .addColumn('last_claim_at', 'integer', (c) => c.notNull())
            .addColumn('streak', 'integer', (c) => c.notNull())
            .execute();
        },
      },
    },
  },
  commands: [daily],
  setup(ctx): DailyApi {
    const economy = ctx.extensions.require('economy');

    ctx.hooks.on('daily_claimed', async function recordBestStreak({ guildId, streak }) {
      await ctx.store.update<Record<string, number>>(BEST_STREAKS, (best = {}) =>
        streak > (best[guildId] ?? 0) ? { ...best, [guildId]: streak } : best,
      );
    });

    return {
      async claim(guildId, userId, now = Date.now()): Promise<ClaimResult> {
        const db = await ctx.db.guild(guildId);
        // Reading the last claim and then writing would let a /daily and a !daily sent together
        // both see "not claimed yet" and both pay. Instead the claim is one statement: insert a
        // first claim, or update the row only when the last claim is old enough. A statement is
        // atomic, so of two concurrent claims exactly one gets a row back.
        const claimed = await db
          .insertInto('daily_claims')
          .values({ user_id: userId, last_claim_at: now, streak: 1 })
          .onConflict((oc) =>
            oc
              .column('user_id')
              .doUpdateSet((eb) => ({
                last_claim_at: now,
                streak: eb
                  .case()
                  .when('daily_claims.last_claim_at', '>', now - STREAK_WINDOW_MS)
                  .then(eb('daily_claims.streak', '+', 1))
                  .else(1)
                  .end(),
              }))
              .where('daily_claims.last_claim_at', '<=', now - CLAIM_EVERY_MS),
          )
          .returning('streak')
          .executeTakeFirst();
        if (!claimed) {
          const last = await db
            .selectFrom('daily_claims')
            .select('last_claim_at')
            .where('user_id', '=', userId)
            .executeTakeFirstOrThrow();
          return { ok: false, nextClaimAt: last.last_claim_at + CLAIM_EVERY_MS };
        }
        const { streak } = claimed;
        const amount = ctx.config.amount + ctx.config.streakBonus * (streak - 1);
        const balance = await economy.deposit(guildId, userId, amount, 'daily');
        await ctx.hooks.emit('daily_claimed', { guildId, userId, amount, streak });
        return { ok: true, amount, streak, balance };
      },
    };
  },
});
