import { defineExtension } from '@zoryx/framework';
import { z } from 'zod';
import { balance } from './balance-command.js';
import type { EconomyApi } from './types.js';

/** Store file (in data/extensions/economy/) with the coins handed out per guild. */
const CIRCULATION = 'circulation.json';
type Circulation = Record<string, number>;

/**
 * Balances per member, kept in each guild's database. Other extensions use its public API
 * (`ctx.extensions.get('economy')`, typed by `types.ts`); `daily` depends on it.
 */
export default defineExtension({
  name: 'economy',
  version: '1.0.0',
  description: 'Balances per member, in each guild database',
  config: z.object({ currency: z.string().min(1).default('coins') }),
  migrations: {
    guild: {
      '0001_economy_balances': {
        async up(db) {
          await db.schema
            .createTable('economy_balances')
            .addColumn('user_id', 'text', (c) => c.primaryKey())
            .addColumn('amount', 'integer', (c) => c.notNull().defaultTo(0))
            .execute();
        },
      },
    },
  },
  commands: [balance],
  setup(ctx): EconomyApi {
    // A guild that removes the bot loses its database (the framework backs it up first);
    // forget its total too.
    ctx.hooks.on('guild_left', async function forgetCirculation({ guildId }) {
      await ctx.store.update<Circulation>(CIRCULATION, ({ [guildId]: _, ...rest } = {}) => rest);
    });

    return {
      currency: ctx.config.currency,
      async balanceOf(guildId, userId) {
        const db = await ctx.db.guild(guildId);
        const row = await db
          .selectFrom('economy_balances')
          .select('amount')
          .where('user_id', '=', userId)
          .executeTakeFirst();
        return row?.amount ?? 0;
      },
      async deposit(guildId, userId, amount, reason) {
        const db = await ctx.db.guild(guildId);
        // One statement, so concurrent deposits cannot lose an update.
        const row = await db
          .insertInto('economy_balances')
          .values({ user_id: userId, amount })
          .onConflict((oc) =>
            oc.column('user_id').doUpdateSet((eb) => ({ amount: eb('amount', '+', amount) })),
          )
          .returning('amount')
          .executeTakeFirstOrThrow();
        if (amount > 0) {
          await ctx.store.update<Circulation>(CIRCULATION, (totals = {}) => ({
            ...totals,
            [guildId]: (totals[guildId] ?? 0) + amount,
          }));
        }
        await ctx.hooks.emit('balance_changed', {
          guildId,
          userId,
          delta: amount,
          balance: row.amount,
          reason,
        });
        return row.amount;
      },
      async circulation(guildId) {
        return (await ctx.store.readJson<Circulation>(CIRCULATION))?.[guildId] ?? 0;
      },
    };
  },
});
