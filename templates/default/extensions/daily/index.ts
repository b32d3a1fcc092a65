import { defineExtension } from '@zoryx/framework';
import { z } from 'zod';
import { DailyCommand } from './daily-command.js';
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
  commands: [DailyCommand],
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
        const last = await db
          .selectFrom('daily_claims')
          .selectAll()
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (last && now - last.last_claim_at < CLAIM_EVERY_MS) {
          return { ok: false, nextClaimAt: last.last_claim_at + CLAIM_EVERY_MS };
        }
        const streak = last && now - last.last_claim_at < STREAK_WINDOW_MS ? last.streak + 1 : 1;
        const amount = ctx.config.amount + ctx.config.streakBonus * (streak - 1);
        await db
          .insertInto('daily_claims')
          .values({ user_id: userId, last_claim_at: now, streak })
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_claim_at: now, streak }))
          .execute();
        const balance = await economy.deposit(guildId, userId, amount, 'daily');
        await ctx.hooks.emit('daily_claimed', { guildId, userId, amount, streak });
        return { ok: true, amount, streak, balance };
      },
    };
  },
});
