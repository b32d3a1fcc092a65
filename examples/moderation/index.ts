import { defineExtension } from '@zoryx/framework';
import { z } from 'zod';
import { ban } from './src/commands/ban.js';
import { kick } from './src/commands/kick.js';
import { modlog } from './src/commands/modlog.js';
import { timeout } from './src/commands/timeout.js';
import { confirmationButtons } from './src/confirmation.js';
import { readHistory, recordAction } from './src/mod-log.js';
import type { ModerationApi } from './src/types.js';

export type * from './src/types.js';

/**
 * Moderation: `ban` (with a confirmation button), `kick` and `timeout`, each checked against the
 * role hierarchy and Discord's permissions, logged in the guild's `mod_actions` table and
 * announced on the hook bus as `moderation_action`; `modlog` reads the log. The ban prompt's
 * buttons are answered by `confirmationButtons` (a `defineComponent`).
 */
export default defineExtension({
  name: 'moderation',
  version: '1.0.0',
  description: 'ban, kick and timeout with role-hierarchy checks, and a mod log',
  config: z.object({
    /** How long the ban confirmation waits for the moderator, in seconds. */
    confirmSeconds: z.number().positive().max(600).default(30),
  }),
  migrations: {
    guild: {
      '0001_moderation_mod_actions': {
        async up(db) {
          await db.schema
            .createTable('mod_actions')
            .addColumn('case_id', 'integer', (c) => c.primaryKey().autoIncrement())
            .addColumn('action', 'text', (c) => c.notNull())
            .addColumn('user_id', 'text', (c) => c.notNull())
            .addColumn('moderator_id', 'text', (c) => c.notNull())
            .addColumn('reason', 'text', (c) => c.notNull())
            .addColumn('duration_ms', 'integer')
            .addColumn('created_at', 'integer', (c) => c.notNull())
            .execute();
          await db.schema
            .createIndex('mod_actions_user_id')
            .on('mod_actions')
            .column('user_id')
            .execute();
        },
      },
    },
  },
  commands: [ban, kick, timeout, modlog],
  components: [confirmationButtons],
  setup(ctx): ModerationApi {
    const deps = { db: ctx.db, hooks: ctx.hooks, now: () => Date.now() };
    return {
      confirmTimeoutMs: ctx.config.confirmSeconds * 1000,
      signal: ctx.signal,
      record: (guildId, action) => recordAction(deps, guildId, action),
      history: (guildId, options) => readHistory(deps, guildId, options),
    };
  },
});
