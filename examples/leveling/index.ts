import { defineExtension } from '@zoryx/framework';
import { Events, type Message } from 'discord.js';
import { z } from 'zod';
import { leaderboard } from './src/commands/leaderboard.js';
import { rank } from './src/commands/rank.js';
import { createLeveling } from './src/leveling-service.js';
import type { LevelingApi } from './src/types.js';

export type * from './src/types.js';

const config = z
  .object({
    /** Seconds before a member's messages earn XP again. */
    cooldownSeconds: z.number().min(0).default(60),
    /** XP per message: a random whole number from xpMin to xpMax. */
    xpMin: z.int().min(0).default(15),
    xpMax: z.int().min(0).default(25),
    /** Announce level-ups at all. */
    announce: z.boolean().default(true),
    /** Channel id or name for announcements; default: where the message was sent. */
    announceChannel: z.string().min(1).optional(),
    /** Roles given at levels: `{ "level": 5, "role": "Regular" }` (role id or exact name). */
    rewards: z.array(z.object({ level: z.int().min(1), role: z.string().min(1) })).default([]),
    /** When the moderation extension bans someone, forget their XP in that server. */
    resetOnBan: z.boolean().default(true),
  })
  .refine((c) => c.xpMin <= c.xpMax, { message: 'xpMin must not exceed xpMax', path: ['xpMin'] });

/**
 * Leveling: XP for chatting (with a per-member cooldown), a level curve, level-up announcements,
 * reward roles, `rank` and `leaderboard`, XP in each guild's `leveling_xp` table, and a `level_up`
 * hook event. Optionally depends on moderation: if it is loaded, a ban resets the member's XP.
 */
export default defineExtension({
  name: 'leveling',
  version: '1.0.0',
  description: 'XP per message, levels, level-up announcements and reward roles',
  optionalDependencies: { moderation: '^1.0.0' },
  config,
  migrations: {
    guild: {
      '0001_leveling_xp': {
        async up(db) {
          await db.schema
            .createTable('leveling_xp')
            .addColumn('user_id', 'text', (c) => c.primaryKey())
            .addColumn('xp', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('messages', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('last_awarded_at', 'integer', (c) => c.notNull().defaultTo(0))
            .execute();
          await db.schema.createIndex('leveling_xp_xp').on('leveling_xp').column('xp').execute();
        },
      },
    },
  },
  commands: [rank, leaderboard],
  setup(ctx): LevelingApi {
    const { client } = ctx;
    const leveling = createLeveling({
      db: ctx.db,
      hooks: ctx.hooks,
      logger: ctx.logger,
      settings: { ...ctx.config, cooldownMs: ctx.config.cooldownSeconds * 1000 },
      async isCommand(message) {
        const prefixes = [(await client.fetchPrefix(message)) ?? []].flat();
        const content = message.content.toLowerCase();
        return prefixes.some((prefix) => content.startsWith(prefix.toLowerCase()));
      },
    });
    // A plain client listener, released on unload like everything registered through ctx.
    const onMessage = (message: Message) => leveling.onMessage(message);
    client.on(Events.MessageCreate, onMessage);
    ctx.onDispose(() => client.off(Events.MessageCreate, onMessage));

    // Optional dependency: this event only happens when the moderation extension is loaded.
    ctx.hooks.on('moderation_action', async function resetXpOnBan({ action, guildId, userId }) {
      if (action === 'ban' && ctx.config.resetOnBan) await leveling.api.reset(guildId, userId);
    });
    if (!ctx.extensions.has('moderation')) {
      ctx.logger.info('moderation is not loaded: XP will not be reset on bans');
    }
    return leveling.api;
  },
});
