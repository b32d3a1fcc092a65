import type { ExtensionContext, HookEvents } from '@zoryx/framework';
import type { ModAction, NewModAction } from './types.js';

/** What the mod log needs from `ctx`: the databases and a way to emit the hook event. */
export interface ModLogDeps {
  readonly db: ExtensionContext['db'];
  readonly hooks: {
    emit(event: 'moderation_action', payload: HookEvents['moderation_action']): Promise<unknown>;
  };
  readonly now: () => number;
}

type Row = {
  case_id: number;
  action: ModAction['action'];
  user_id: string;
  moderator_id: string;
  reason: string;
  duration_ms: number | null;
  created_at: number;
};

function toAction(row: Row): ModAction {
  return {
    caseId: row.case_id,
    action: row.action,
    userId: row.user_id,
    moderatorId: row.moderator_id,
    reason: row.reason,
    durationMs: row.duration_ms,
    createdAt: row.created_at,
  };
}

/** Appends an action to the guild's `mod_actions` table, then emits `moderation_action`. */
export async function recordAction(
  deps: ModLogDeps,
  guildId: string,
  action: NewModAction,
): Promise<ModAction> {
  const db = await deps.db.guild(guildId);
  const row = await db
    .insertInto('mod_actions')
    .values({
      action: action.action,
      user_id: action.userId,
      moderator_id: action.moderatorId,
      reason: action.reason,
      duration_ms: action.durationMs,
      created_at: action.createdAt ?? deps.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const entry = toAction(row);
  const { createdAt: _, ...payload } = entry;
  await deps.hooks.emit('moderation_action', { guildId, ...payload });
  return entry;
}

/** The newest entries of a guild's mod log, newest first (of one member when `userId` is set). */
export async function readHistory(
  deps: Pick<ModLogDeps, 'db'>,
  guildId: string,
  options: { userId?: string; limit?: number } = {},
): Promise<ModAction[]> {
  const db = await deps.db.guild(guildId);
  let query = db
    .selectFrom('mod_actions')
    .selectAll()
    .orderBy('case_id', 'desc')
    .limit(options.limit ?? 10);
  if (options.userId !== undefined) query = query.where('user_id', '=', options.userId);
  return (await query.execute()).map(toAction);
}
